#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H
// The wide-character API is only declared with NCURSES_WIDECHAR; SwiftPM drops the
// _XOPEN_SOURCE flags `pkg-config --cflags ncursesw` would pass, so define it here.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <curses.h>
#include <term.h>
#include <termios.h>

// Globals Swift 6 refuses to read directly ("not concurrency-safe").
static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_cols(void) { return COLS; }
static inline int cn_colors(void) { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }

// Attribute macros are not importable.
static inline attr_t cn_a_normal(void) { return A_NORMAL; }
static inline attr_t cn_a_bold(void) { return A_BOLD; }
static inline attr_t cn_a_reverse(void) { return A_REVERSE; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_a_dim(void) { return A_DIM; }
static inline int cn_key_f(int n) { return KEY_F(n); }
static inline int cn_key_code_yes(void) { return KEY_CODE_YES; }

// Draw one cell of up to a few code points (a grapheme) with attributes and a colour pair.
static inline int cn_put_cell(WINDOW *w, int y, int x, const wchar_t *wch, attr_t attrs, short pair) {
    cchar_t c;
    if (setcchar(&c, wch, attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(w, y, x, &c);
}

// Reads one key: returns OK (a character in *ch), KEY_CODE_YES (a key code in *ch) or ERR (timeout).
static inline int cn_get_key(WINDOW *w, int *ch) {
    wint_t c = 0;
    int rc = wget_wch(w, &c);
    *ch = (int)c;
    return rc;
}

// Opens a screen on the process's own terminal; NULL (not an exit) when TERM is unknown.
static inline SCREEN *cn_newterm(const char *term) { return newterm(term, stdout, stdin); }

// Whether the terminal can address the cursor (TERM=dumb cannot draw a full screen).
static inline int cn_has_cursor_addressing(void) {
    char *s = tigetstr("cup");
    return s != NULL && s != (char *)-1;
}

// Whether a terminfo entry exists for a name, without touching the screen.
static inline int cn_terminfo_exists(const char *term) {
    int err = 0;
    if (setupterm(term, 1, &err) != OK) return 0;
    int cup = cn_has_cursor_addressing();
    del_curterm(cur_term);
    return cup ? 1 : 2;
}

// The locale's character set name (e.g. "UTF-8", "ANSI_X3.4-1968").
static inline const char *cn_codeset(void) { return nl_langinfo(CODESET); }

// Signals that must restore the terminal: the handler only records the signal; the run loop,
// which wakes at least every 100 ms, does the restoring (endwin is not async-signal-safe).
static volatile sig_atomic_t cn_pending_signal = 0;
static void cn_on_signal(int s) { cn_pending_signal = s; }
static inline void cn_install_signal_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = cn_on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGQUIT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
}

// Bracketed paste (docs/console-input.md): the terminal marks pasted text, so a paste is text and
// never keys. On while the screen is up; off on exit and while suspended (C-z), on again after.
static const char cn_paste_on[] = "\033[?2004h";
static const char cn_paste_off[] = "\033[?2004l";
static inline void cn_bracketed_paste(int on) {
    fflush(stdout);
    ssize_t r = on ? write(1, cn_paste_on, sizeof cn_paste_on - 1) : write(1, cn_paste_off, sizeof cn_paste_off - 1);
    (void)r;
}
// Held inside functions: Swift's importer emits a header's static data only with the code using it.
static inline struct sigaction *cn_previous_tstp(void) { static struct sigaction a; return &a; }
static inline struct sigaction *cn_own_tstp(void) { static struct sigaction a; return &a; }
static void cn_on_tstp(int s) {
    ssize_t r = write(1, cn_paste_off, sizeof cn_paste_off - 1);
    struct sigaction *previous = cn_previous_tstp();
    if (!(previous->sa_flags & SA_SIGINFO) && previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN) {
        previous->sa_handler(s); // curses: restores the terminal, stops, redraws on resume
    } else {
        signal(SIGTSTP, SIG_DFL);
        raise(SIGTSTP);
        sigaction(SIGTSTP, cn_own_tstp(), NULL);
    }
    r = write(1, cn_paste_on, sizeof cn_paste_on - 1);
    (void)r;
}
// Puts our suspend handler in front of the one curses installed (call after newterm).
static inline void cn_chain_suspend(void) {
    struct sigaction *own = cn_own_tstp();
    memset(own, 0, sizeof *own);
    own->sa_handler = cn_on_tstp;
    sigemptyset(&own->sa_mask);
    own->sa_flags = SA_RESTART;
    sigaction(SIGTSTP, own, cn_previous_tstp());
}
// C-c, C-s and C-q reach the program as keys: C-c cancels a form instead of killing the console
// and C-s saves one (no flow control). C-z still suspends. Curses keeps these as its program
// mode (def_prog_mode), so they hold again after a suspend; endwin restores the shell's.
static inline void cn_keys_not_signals(void) {
    struct termios t;
    if (tcgetattr(0, &t) != 0) return;
    t.c_cc[VINTR] = _POSIX_VDISABLE;
    t.c_iflag &= ~(IXON | IXOFF);
    tcsetattr(0, TCSANOW, &t);
    def_prog_mode();
}
static inline int cn_take_signal(void) { int s = cn_pending_signal; cn_pending_signal = 0; return s; }
#endif
