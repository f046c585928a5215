#define _GNU_SOURCE
#include "CDeskPrivilege.h"

#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Why per thread: glibc's setegid() changes every thread of the process (POSIX), so a raise on
   one thread would lend the group to a file another thread opens for the user at that moment.
   The raw system call changes only the calling thread's credentials (Linux keeps them per task),
   so the service group is held exactly where SQLite works on the desk, and nowhere else. */

static int elevated = 0;
static gid_t service_gid = (gid_t)-1;
static gid_t real_gid = (gid_t)-1;
static __thread int raise_depth = 0;

int cdp_is_elevated(void) { return elevated; }
gid_t cdp_service_gid(void) { return service_gid; }
gid_t cdp_real_gid(void) { return real_gid; }
int cdp_dumpable(void) { return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0); }

int cdp_raise(void) {
    if (!elevated) return 0;
    if (raise_depth++ > 0) return 0;
    if (syscall(SYS_setresgid, (gid_t)-1, service_gid, (gid_t)-1) != 0) { raise_depth--; return -1; }
    return 0;
}

int cdp_lower(void) {
    if (!elevated || raise_depth == 0) return 0;
    if (--raise_depth > 0) return 0;
    if (syscall(SYS_setresgid, (gid_t)-1, real_gid, (gid_t)-1) != 0) {
        /* Never carry on with the group held where it was meant to be given back. */
        abort();
    }
    return 0;
}

/* MARK: the desks SQLite may open with the service group */

#define MAX_DESKS 8
static pthread_mutex_t desks_lock = PTHREAD_MUTEX_INITIALIZER;
static char *desks[MAX_DESKS * 2];
static int desk_count = 0;

static int matches(const char *name) {
    if (!name) return 0;
    int found = 0;
    pthread_mutex_lock(&desks_lock);
    for (int i = 0; i < desk_count && !found; i++) {
        size_t n = strlen(desks[i]);
        if (strncmp(name, desks[i], n) != 0) continue;
        const char *rest = name + n;
        found = rest[0] == '\0' || strcmp(rest, "-wal") == 0 || strcmp(rest, "-shm") == 0 || strcmp(rest, "-journal") == 0;
    }
    pthread_mutex_unlock(&desks_lock);
    return found;
}

int cdp_is_admitted(const char *path) { return matches(path); }

static sqlite3_vfs *root_vfs = NULL;

int cdp_admit(const char *path) {
    if (!elevated || !path || path[0] != '/') { errno = EINVAL; return -1; }
    if (matches(path)) return 0;
    /* SQLite opens the name its xFullPathname makes (symbolic links resolved), so both forms. */
    char *full = NULL;
    if (root_vfs) {
        full = calloc((size_t)root_vfs->mxPathname + 1, 1);
        if (full) {
            cdp_raise();
            int rc = root_vfs->xFullPathname(root_vfs, path, root_vfs->mxPathname + 1, full);
            cdp_lower();
            if (rc != SQLITE_OK) { free(full); full = NULL; }
        }
    }
    pthread_mutex_lock(&desks_lock);
    int ok = desk_count < MAX_DESKS * 2 - 1;
    if (ok) {
        desks[desk_count++] = strdup(path);
        if (full && strcmp(full, path) != 0) desks[desk_count++] = strdup(full);
    }
    pthread_mutex_unlock(&desks_lock);
    free(full);
    if (!ok) { errno = ENOSPC; return -1; }
    return 0;
}

/* MARK: the VFS in front of SQLite's own */

typedef struct DeskFile {
    sqlite3_file base;
    sqlite3_file *real;
    int raised;
} DeskFile;

#define REAL(f) (((DeskFile *)(f))->real)
#define HELD(f) (((DeskFile *)(f))->raised)
#define WITH_GROUP(f, call) do { int h_ = HELD(f); if (h_) cdp_raise(); rc = (call); if (h_) cdp_lower(); } while (0)

/* Calls that may reach the file system by name (open the -shm, fsync the directory, stat the
   path, unlink) hold the group; reads, writes and locks work on an open descriptor and need none. */
static int dClose(sqlite3_file *f) { int rc; WITH_GROUP(f, REAL(f)->pMethods->xClose(REAL(f))); return rc; }
static int dRead(sqlite3_file *f, void *b, int n, sqlite3_int64 o) { return REAL(f)->pMethods->xRead(REAL(f), b, n, o); }
static int dWrite(sqlite3_file *f, const void *b, int n, sqlite3_int64 o) { return REAL(f)->pMethods->xWrite(REAL(f), b, n, o); }
static int dTruncate(sqlite3_file *f, sqlite3_int64 s) { return REAL(f)->pMethods->xTruncate(REAL(f), s); }
static int dSync(sqlite3_file *f, int flags) { int rc; WITH_GROUP(f, REAL(f)->pMethods->xSync(REAL(f), flags)); return rc; }
static int dFileSize(sqlite3_file *f, sqlite3_int64 *s) { return REAL(f)->pMethods->xFileSize(REAL(f), s); }
static int dLock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xLock(REAL(f), l); }
static int dUnlock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xUnlock(REAL(f), l); }
static int dCheckReservedLock(sqlite3_file *f, int *r) { return REAL(f)->pMethods->xCheckReservedLock(REAL(f), r); }
static int dFileControl(sqlite3_file *f, int op, void *arg) { int rc; WITH_GROUP(f, REAL(f)->pMethods->xFileControl(REAL(f), op, arg)); return rc; }
static int dSectorSize(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int dDeviceCharacteristics(sqlite3_file *f) { return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)); }
static int dShmMap(sqlite3_file *f, int pg, int sz, int ext, void volatile **pp) { int rc; WITH_GROUP(f, REAL(f)->pMethods->xShmMap(REAL(f), pg, sz, ext, pp)); return rc; }
static int dShmLock(sqlite3_file *f, int o, int n, int flags) { return REAL(f)->pMethods->xShmLock(REAL(f), o, n, flags); }
static void dShmBarrier(sqlite3_file *f) { REAL(f)->pMethods->xShmBarrier(REAL(f)); }
static int dShmUnmap(sqlite3_file *f, int del) { int rc; WITH_GROUP(f, REAL(f)->pMethods->xShmUnmap(REAL(f), del)); return rc; }
static int dFetch(sqlite3_file *f, sqlite3_int64 o, int n, void **pp) { return REAL(f)->pMethods->xFetch(REAL(f), o, n, pp); }
static int dUnfetch(sqlite3_file *f, sqlite3_int64 o, void *p) { return REAL(f)->pMethods->xUnfetch(REAL(f), o, p); }

#define METHODS(v) { v, dClose, dRead, dWrite, dTruncate, dSync, dFileSize, dLock, dUnlock, dCheckReservedLock, \
    dFileControl, dSectorSize, dDeviceCharacteristics, dShmMap, dShmLock, dShmBarrier, dShmUnmap, dFetch, dUnfetch }
static const sqlite3_io_methods methods1 = METHODS(1);
static const sqlite3_io_methods methods2 = METHODS(2);
static const sqlite3_io_methods methods3 = METHODS(3);

static int dOpen(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *f, int flags, int *outFlags) {
    (void)vfs;
    DeskFile *p = (DeskFile *)f;
    p->real = (sqlite3_file *)&p[1];
    p->raised = matches(name);
    if (p->raised) cdp_raise();
    int rc = root_vfs->xOpen(root_vfs, name, p->real, flags, outFlags);
    if (p->raised) cdp_lower();
    const sqlite3_io_methods *m = p->real->pMethods;
    p->base.pMethods = m == NULL ? NULL : m->iVersion >= 3 ? &methods3 : m->iVersion == 2 ? &methods2 : &methods1;
    return rc;
}

static int dDelete(sqlite3_vfs *vfs, const char *name, int syncDir) {
    (void)vfs;
    int held = matches(name);
    if (held) cdp_raise();
    int rc = root_vfs->xDelete(root_vfs, name, syncDir);
    if (held) cdp_lower();
    return rc;
}

static int dAccess(sqlite3_vfs *vfs, const char *name, int flags, int *out) {
    (void)vfs;
    int held = matches(name);
    if (held) cdp_raise();
    int rc = root_vfs->xAccess(root_vfs, name, flags, out);
    if (held) cdp_lower();
    return rc;
}

static int dFullPathname(sqlite3_vfs *vfs, const char *name, int n, char *out) {
    (void)vfs;
    int held = matches(name);
    if (held) cdp_raise();
    int rc = root_vfs->xFullPathname(root_vfs, name, n, out);
    if (held) cdp_lower();
    return rc;
}

static void *dDlOpen(sqlite3_vfs *v, const char *z) { (void)v; return root_vfs->xDlOpen(root_vfs, z); }
static void dDlError(sqlite3_vfs *v, int n, char *z) { (void)v; root_vfs->xDlError(root_vfs, n, z); }
static void (*dDlSym(sqlite3_vfs *v, void *h, const char *z))(void) { (void)v; return root_vfs->xDlSym(root_vfs, h, z); }
static void dDlClose(sqlite3_vfs *v, void *h) { (void)v; root_vfs->xDlClose(root_vfs, h); }
static int dRandomness(sqlite3_vfs *v, int n, char *z) { (void)v; return root_vfs->xRandomness(root_vfs, n, z); }
static int dSleep(sqlite3_vfs *v, int us) { (void)v; return root_vfs->xSleep(root_vfs, us); }
static int dCurrentTime(sqlite3_vfs *v, double *t) { (void)v; return root_vfs->xCurrentTime(root_vfs, t); }
static int dGetLastError(sqlite3_vfs *v, int n, char *z) { (void)v; return root_vfs->xGetLastError(root_vfs, n, z); }
static int dCurrentTimeInt64(sqlite3_vfs *v, sqlite3_int64 *t) { (void)v; return root_vfs->xCurrentTimeInt64(root_vfs, t); }

static sqlite3_vfs desk_vfs;

static int install_vfs(void) {
    root_vfs = sqlite3_vfs_find(NULL);
    if (!root_vfs || root_vfs->iVersion < 2) return -1;
    memset(&desk_vfs, 0, sizeof desk_vfs);
    desk_vfs.iVersion = 2;
    desk_vfs.szOsFile = (int)sizeof(DeskFile) + root_vfs->szOsFile;
    desk_vfs.mxPathname = root_vfs->mxPathname;
    desk_vfs.zName = "complaint-desk";
    desk_vfs.xOpen = dOpen;
    desk_vfs.xDelete = dDelete;
    desk_vfs.xAccess = dAccess;
    desk_vfs.xFullPathname = dFullPathname;
    desk_vfs.xDlOpen = dDlOpen;
    desk_vfs.xDlError = dDlError;
    desk_vfs.xDlSym = dDlSym;
    desk_vfs.xDlClose = dDlClose;
    desk_vfs.xRandomness = dRandomness;
    desk_vfs.xSleep = dSleep;
    desk_vfs.xCurrentTime = dCurrentTime;
    desk_vfs.xGetLastError = dGetLastError;
    desk_vfs.xCurrentTimeInt64 = dCurrentTimeInt64;
    return sqlite3_vfs_register(&desk_vfs, 1) == SQLITE_OK ? 0 : -1;
}

int cdp_start(void) {
    uid_t ru, eu, su;
    gid_t rg, eg, sg;
    if (getresuid(&ru, &eu, &su) != 0 || getresgid(&rg, &eg, &sg) != 0) return CDP_FAILED;
    if (eu != ru || su != ru) return CDP_SETUID;
    if (eg == rg && sg == rg) return CDP_PLAIN;
    /* The kernel already marks a setgid program non-dumpable (fs.suid_dumpable 0); say so
       ourselves too, so no core file or ptrace attach can read the desk's pages or the group's
       descriptors, whatever the system's setting. */
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    struct rlimit none = { 0, 0 };
    setrlimit(RLIMIT_CORE, &none);
    gid_t service = eg != rg ? eg : sg;
    /* Every thread: the effective group becomes the user's, the service group stays as the saved
       group so that cdp_raise can take it back on one thread. */
    if (setresgid((gid_t)-1, rg, service) != 0) return CDP_FAILED;
    gid_t r2, e2, s2;
    if (getresgid(&r2, &e2, &s2) != 0 || e2 != rg || s2 != service) return CDP_FAILED;
    real_gid = rg;
    service_gid = service;
    elevated = 1;
    if (install_vfs() != 0) return CDP_FAILED;
    return CDP_ELEVATED;
}
