/* ui_help.c: the help page (see ui_help.h). The key lists live in the string
 * table as "KEY<TAB>what it does" lines, so each language lists the same keys. */
#include "ui_help.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui_pane.h"
#include "text.h"

#define HELP_KEY_COLS 20

void ui_help_init(ui_help *h, ui_context *ctx, ui_screen_id about)
{
    h->ctx = ctx;
    h->about = about;
    h->top = 0;
    h->page = NULL;
    h->common = NULL;
}

ui_action ui_help_key(ui_help *h, ui_key k)
{
    k = ui_key_command(k);
    unsigned ch = k.code == UI_KEY_CHAR ? k.ch : 0;
    switch (k.code) {
    case UI_KEY_UP:
        h->top--;
        return UI_ACT_REDRAW;
    case UI_KEY_DOWN:
        h->top++;
        return UI_ACT_REDRAW;
    case UI_KEY_PGUP:
        h->top -= 10;
        return UI_ACT_REDRAW;
    case UI_KEY_PGDN:
        h->top += 10;
        return UI_ACT_REDRAW;
    case UI_KEY_HOME:
        h->top = 0;
        return UI_ACT_REDRAW;
    case UI_KEY_END:
        h->top = 1000;
        return UI_ACT_REDRAW;
    case UI_KEY_RESIZE:
        return UI_ACT_REDRAW;
    default:
        break;
    }
    if (ch == 'k') {
        h->top--;
        return UI_ACT_REDRAW;
    }
    if (ch == 'j') {
        h->top++;
        return UI_ACT_REDRAW;
    }
    if (ch == 'L') {
        ui_context_switch_lang(h->ctx);
        return UI_ACT_REDRAW;
    }
    return UI_ACT_BACK;   /* any other key closes the help */
}

/* Lays out "KEY\tDESCRIPTION" lines into c from row `y`, skipping `skip`
 * lines; returns the number of lines the text takes. */
static int help_lines(ui_canvas *c, int y, int bottom, int skip, const char *text)
{
    int line = 0, width = c->cols - 4 - HELP_KEY_COLS - 2;
    const char *p = text;
    while (*p) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char *copy = strndup(p, len);
        if (copy == NULL)
            break;
        char *tab = strchr(copy, '\t');
        const char *desc = "";
        if (tab) {
            *tab = '\0';
            desc = tab + 1;
        }
        int row = y + line - skip;
        /* a key too long for its column gets a line of its own, so that it
         * is never cut */
        bool own_line = tab && text_width(copy) > HELP_KEY_COLS;
        if (row >= y && row < bottom)
            ui_canvas_put(c, row, 2, own_line ? c->cols - 4 : HELP_KEY_COLS,
                          tab ? UI_ROLE_SELECTED : UI_ROLE_TITLE, copy);
        int n = 1;
        if (own_line) {
            line++;
            row++;
        }
        if (tab) {
            text_span *spans = NULL;
            size_t count = text_wrap(desc, (size_t)(width > 2 ? width : 2), &spans);
            if (count != (size_t)-1) {
                for (size_t i = 0; i < count; i++) {
                    int r = row + (int)i;
                    if (r >= y && r < bottom)
                        ui_canvas_putn(c, r, 4 + HELP_KEY_COLS, width, UI_ROLE_NORMAL,
                                       desc + spans[i].offset, spans[i].length);
                }
                n = count > 0 ? (int)count : 1;
                free(spans);
            }
        }
        line += n;
        free(copy);
        if (end == NULL)
            break;
        p = end + 1;
    }
    return line;
}

/* The key pages, indexed by ui_screen_id; msgids, translated when shown. */
static const char *const help_pages[] = {
    N_("First run\nTab, Down\tnext field\nShift-Tab, Up\tprevious field\ntext\ttyped into the current field (input methods work)\nLeft, Right, Home, End\tmove the cursor in the field\nBackspace, Delete\terase a character\nCtrl-U\tempty the field\nEnter\tnext field; on Save: save the settings\nSpace, y, n\ttick or untick \"generate the signing key\"\nEsc\tquit without saving (when something was typed, Esc again confirms)"),
    N_("Start\nUp, Down, j, k\tchoose a check\nHome, End, PgUp, PgDn\tfirst or last entry, a page up or down\nEnter\topen it: start or resume; a finished check opens its summary\ns\tthe unit's information systems: register, remove\ni\tthe annex forms: the data asset inventory and the website survey\ne\tthe incident classifier: the level and warning of an incident by document 003, saved as a record\nEsc\tquit"),
    N_("Walk-through\nUp, Down, j, k\tprevious or next item\nPgUp, PgDn\tback or forward a page\nHome, End\tfirst or last item\nu\tnext unanswered item\n/\tsearch the questions (Chinese or English) and item ids, Enter to go; an empty search repeats the last one\ny, n, p, x\tyes, no, partly, not applicable (p and x only where the item allows them; x also on the other kinds of item)\n是, 否\tthe same, typed through a Chinese input method\n1-9\tchoice items: pick that answer\nLeft, Right, h, l\tchoice items: move the highlight, Enter to pick\n0-9\tnumber and date items: start typing, Enter saves (a word typed through an input method, such as 从未, also opens the field)\nn\tnumber and date items: answer \"never\" (where allowed, e.g. a restore never tested)\nEnter\tedit the focused field; on an answered yes/no or choice item: next item; on an unanswered yes/no item: says which keys answer it\nTab, Shift-Tab\tmove between answer, note, remediation owner and due date\nd, Delete\tclear the focused field (press twice: any other key keeps it)\nEsc, b, Backspace\tback to the start screen (every answer is saved)\nc\ttake over last time's answer, and last time's remediation owner when none is given yet\ns\tsummary\nWhile typing\nEnter\tsave (numbers and dates are checked first, with a message)\nEsc\tcancel\nLeft, Right, Home, End\tmove the cursor\nBackspace, Delete\terase a character\nCtrl-U\tempty the field\nF1\thelp; what is typed stays\nDates\t2026-12-20, 2026/12/20, 2026.12.20 or 2026年12月20日\nAfter an answer below full score\tyou are asked for the remediation owner, then the due date (Enter keeps the one proposed; a date already past is asked again); Esc skips both"),
    N_("Summary\nUp, Down, j, k\tchoose a finding\nPgUp, PgDn, Home, End\tpage through\nEnter\tgo to the chosen item to change it\nEsc, b, Backspace\tback to the walk-through\ne\tsign and export the report"),
    N_("Sign and export\ntext\tchange the folder to write into\nEnter\texport; when items are unanswered, or a report of this check is in the folder already, Enter again to confirm\nEsc\tback to the summary; from a question, back to the folder\nF1\thelp\ng\twhen there is no signing key: generate one\nPassphrase\twhen the signing key has one: type it, Enter; Esc goes back\nAfter the export\no\tkeep this folder for the next export ([paths] output in the settings)\nEnter, Esc, b\tback to the summary\nUp, Down, j, k, PgUp, PgDn\tscroll"),
    N_("Information systems\nUp, Down, j, k\tchoose a system\na, Enter\tregister a new system: its code, Enter, its name, Enter to save\nd, Delete\tremove the chosen system (d or y again to confirm; finished checks stay as they are)\nEsc, b, Backspace\tback to the start\nWhile typing\nTab, Up, Down\tswitch between code and name\nEsc\tdo not register, back to the list"),
};

static const char help_common[] =
    N_("Every screen\n?\tshow this help (F1 while typing in a field)\nL\tswitch between Chinese and English (not while typing)\nq\tquit (not while typing; every answer is already saved)\nCtrl-C\tquit at once; text being typed is saved too, unless another program changed that field meanwhile (then it is shown after quitting)");

const char *ui_help_page(ui_screen_id about)
{
    return _(help_pages[about < UI_SCREEN_HELP ? about : UI_SCREEN_START]);
}

const char *ui_help_common(void)
{
    return _(help_common);
}

void ui_help_render(ui_help *h, ui_canvas *c)
{
    const ui_context *ctx = h->ctx;
    ui_render_title(ctx, c, _("Help: keys"));
    const char *page = h->page ? h->page : ui_help_page(h->about);
    const char *common = h->page ? (h->common ? h->common : "") : ui_help_common();
    int y = 2, bottom = c->rows - 2;
    /* the page is laid out whole into a pane, which scrolls it and marks
     * what is hidden above or below; the measuring pass sizes the pane */
    ui_canvas scratch = {0};
    int page_lines = 0, total = 0;
    if (ui_canvas_reset(&scratch, 1, c->cols) == 0) {
        page_lines = help_lines(&scratch, 0, 0, 0, page);
        total = page_lines + 1 + help_lines(&scratch, 0, 0, 0, common);
        ui_canvas_free(&scratch);
    }
    ui_pane pane = {0};
    pane.top = h->top;
    ui_canvas *lines = ui_pane_begin(&pane, c->cols) == 0 ? ui_pane_lines(&pane, total) : NULL;
    if (lines != NULL) {
        help_lines(lines, 0, total, 0, page);
        help_lines(lines, page_lines + 1, total, 0, common);
        ui_pane_skip(&pane, total);
        ui_pane_show(&pane, c, y, 0, bottom - y, -1, -1, c->cols - 1);
        h->top = pane.top;
    }
    ui_pane_free(&pane);
    ui_render_hints(ctx, c, _("Any key closes the help  Up/Down/j/k scroll"));
    ui_render_status(ctx, c);
}
