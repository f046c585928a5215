#ifndef CDESKPRIVILEGE_H
#define CDESKPRIVILEGE_H

#include <sys/types.h>

/* The console installed setgid to a shared desk's service group: what the process may do with
   that group, and SQLite's file calls for the desk (docs/trust-model.md, "The shared desk").

   The process runs with the user's own group; only the calling thread takes the service group,
   and only around the desk's own file operations, so a file a user names is always opened with
   the user's rights. */

/* What cdp_start found. */
enum {
    CDP_PLAIN = 0,        /* not setgid: nothing to do */
    CDP_ELEVATED = 1,     /* setgid: the service group is kept aside, the process runs without it */
    CDP_SETUID = -1,      /* installed setuid: refused (the console never needs another user) */
    CDP_FAILED = -2       /* the group could not be dropped (errno says why) */
};

/* Called first thing: if the program runs setgid, turns core dumps and ptrace off, drops the
   effective group to the real one (every thread) while keeping the service group as the saved
   group, and puts the desk VFS in front of SQLite's default one. */
int cdp_start(void);

/* Whether the program runs setgid, and the service group. */
int cdp_is_elevated(void);
gid_t cdp_service_gid(void);
gid_t cdp_real_gid(void);

/* The calling thread takes (or gives back) the service group; nests. Returns 0 or -1 (errno). */
int cdp_raise(void);
int cdp_lower(void);

/* Lets SQLite use the service group for this database file and its -wal, -shm and -journal
   (absolute path); the file must have been checked to be a desk of the service group. */
int cdp_admit(const char *path);
/* Whether `path` (or its sidecar) has been admitted. */
int cdp_is_admitted(const char *path);

/* Whether core dumps are off (PR_GET_DUMPABLE == 0), for the tests and `init --shared`. */
int cdp_dumpable(void);

#endif
