#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H
// The wide-character API is only declared with NCURSES_WIDECHAR; SwiftPM drops the
// _XOPEN_SOURCE flags pkg-config would pass (see FIELD-NOTES.md), so define it here.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <curses.h>
#include <term.h>

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

// Draw one cell of up to a few code points (a grapheme) with attributes and a colour pair.
static inline int cn_put_cell(WINDOW *w, int y, int x, const wchar_t *wch, attr_t attrs, short pair) {
    cchar_t c;
    if (setcchar(&c, wch, attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(w, y, x, &c);
}
#endif
