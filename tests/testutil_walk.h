/* testutil_walk.h: the fixture the walk-through tests share (test_ui_walk.c,
 * test_ui_walk_entry.c); made in testutil.c. Apart from testutil.h because
 * it brings in the screens' context and walk (ui_context.h, ui_walk.h). */
#ifndef SELFCHECK_TESTUTIL_WALK_H
#define SELFCHECK_TESTUTIL_WALK_H

#include "ui_context.h"
#include "ui_walk.h"

/* The fixture of the walk-through tests: in a fresh folder, the checklist
 * text `checklist_ini` as t.ini, settings for unit T1 (测试局, assessor 张三,
 * data in DIR/data, reports in DIR/out, [ui] lang = zh), and, when
 * system_id is non-NULL, that system registered in the store; ctx is
 * initialised on them (no check opened). Fails the test on any error. */
typedef struct testutil_walk {
    char *dir;
    char *config_path;
    char *db;            /* DIR/data/selfcheck.db */
    ui_context ctx;
} testutil_walk;
testutil_walk *testutil_walk_new(const char *checklist_ini, const char *system_id, const char *system_name);
void testutil_walk_free(testutil_walk *f);
/* Opens PERIOD of the monthly check in the fixture's context (fails the test otherwise). */
void testutil_walk_open(testutil_walk *f, const char *period);
/* Presses a key that is not a character (Enter, Esc, an arrow...) in the walk. */
ui_action testutil_press(ui_walk *w, ui_keycode code);
/* The answer of the instance at index in the open check (NULL when none). */
const answer *testutil_walk_answer(testutil_walk *f, size_t index);
/* Types UTF-8 text into the walk one code point at a time, as get_wch delivers it. */
void testutil_type(ui_walk *w, const char *text);

#endif
