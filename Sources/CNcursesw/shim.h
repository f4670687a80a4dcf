/* The narrow door between Swift and ncursesw.
   SwiftPM drops pkg-config's -D_XOPEN_SOURCE flags, so the wide API is enabled here,
   and the macros and C globals Swift cannot import (or cannot touch in Swift 6 mode)
   are wrapped in functions. See Docs/DECISIONS.md and ../shared/reference/tui.md §2. */
#ifndef MOTCUA_NCURSES_SHIM_H
#define MOTCUA_NCURSES_SHIM_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

extern int wcwidth(wchar_t c);

static inline int     nc_wcwidth(wchar_t c)        { return wcwidth(c); }
static inline int     nc_color_pair(int n)         { return (int)COLOR_PAIR(n); }
static inline attr_t  nc_a_normal(void)            { return A_NORMAL; }
static inline attr_t  nc_a_bold(void)              { return A_BOLD; }
static inline attr_t  nc_a_reverse(void)           { return A_REVERSE; }
static inline attr_t  nc_a_underline(void)         { return A_UNDERLINE; }
static inline attr_t  nc_a_dim(void)               { return A_DIM; }
static inline int     nc_key_f(int n)              { return KEY_F(n); }
static inline WINDOW *nc_stdscr(void)              { return stdscr; }
static inline int     nc_lines(void)               { return LINES; }
static inline int     nc_cols(void)                { return COLS; }
static inline int     nc_colors(void)              { return COLORS; }
static inline int     nc_color_pairs(void)         { return COLOR_PAIRS; }
static inline int     nc_escdelay(void)            { return ESCDELAY; }
static inline const char *nc_codeset(void)         { return nl_langinfo(CODESET); }
static inline attr_t  nc_color_pair_mask(void)   { return A_COLOR; }
/* Mouse: the first button's press and click (a touch screen reports the same). */
static inline mmask_t nc_button1_mask(void)      { return BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON1_RELEASED; }
static inline mmask_t nc_button1_press(void)     { return BUTTON1_PRESSED | BUTTON1_CLICKED; }
static inline int     nc_key_mouse(void)         { return KEY_MOUSE; }
/* Whether the terminal can address the cursor (TERM=dumb cannot). */
static inline int     nc_has_cup(void) {
    const char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}

#endif
