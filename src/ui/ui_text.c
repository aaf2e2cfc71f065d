/* ui_text.c: the messages of the terminal interface (see ui_text.h), as
 * English gettext msgids; their Chinese is in po/zh_CN.po.
 *
 * Keys in the help pages are written "KEY<TAB>what it does", one per line; a
 * line without a tab is a heading. Characters whose width differs between
 * terminals (East Asian "ambiguous" ones such as arrows and box drawing) are
 * avoided, so that Chinese and English lines line up the same everywhere. */
#include "ui_text.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static const char *const table[T_COUNT] = {
    [T_TOO_SMALL] = N_("The window is too small: it needs at least {1} (columns x rows) and is {2}. Please make it larger, or press q to quit."),
    [T_QUIT_SAVED] = N_("Quit. Every answer is saved."),
    [T_PROFILE_MONTHLY] = N_("Monthly routine check"),
    [T_PROFILE_HALFYEAR] = N_("Half-yearly comprehensive check"),
    [T_PROFILE_CHANGE] = N_("Re-assessment after a system change"),
    [T_YES] = N_("Yes"),
    [T_NO] = N_("No"),
    [T_PARTIAL] = N_("Partly"),
    [T_NA] = N_("Not applicable"),
    [T_NEVER] = N_("Never"),
    [T_LANG_NOT_SAVED] = N_("Language switched for this session only: {1}"),
    [T_UNANSWERED] = N_("not answered"),
    [T_HIDDEN] = N_("Given an earlier answer, this item is not asked now."),
    [T_PASS] = N_("Pass"),
    [T_FAIL] = N_("Fail"),
    [T_SEV_LOW] = N_("low"),
    [T_SEV_MEDIUM] = N_("medium"),
    [T_SEV_HIGH] = N_("high"),
    [T_SEV_CRITICAL] = N_("critical"),
    [T_STATUS_CRITICAL] = N_("{1} critical failed"),
    [T_SETUP_TITLE] = N_("First run: about your unit"),
    [T_SETUP_INTRO] = N_("These settings are saved in {1} and go into every report. Edit that file to change them later."),
    [T_SETUP_UNIT_CODE] = N_("Unit code"),
    [T_SETUP_UNIT_NAME] = N_("Unit name"),
    [T_SETUP_ASSESSOR] = N_("Assessor"),
    [T_SETUP_KEYGEN] = N_("Generate the unit's signing key ({1}) to sign reports"),
    [T_SETUP_KEY_EXISTS] = N_("Signing key already present: {1}"),
    [T_SETUP_SAVE] = N_("Save"),
    [T_SETUP_HINTS] = N_("Tab/Up/Down move  Enter next  Space toggle  Esc quit unsaved  F1 help"),
    [T_SETUP_ERR_CODE] = N_("The unit code may contain letters, digits, - and _ only, at most 32 characters."),
    [T_SETUP_ERR_NAME] = N_("Please enter the unit's name."),
    [T_SETUP_ERR_ASSESSOR] = N_("Please enter the assessor's name."),
    [T_SETUP_SAVED] = N_("Settings saved to {1}"),
    [T_SETUP_KEY_MADE] = N_("Settings saved to {1}; signing key generated, id {2}"),
    [T_START_TITLE] = N_("Security self-check"),
    [T_START_ASSESSOR] = N_("assessor "),
    [T_START_DUE_SECTION] = N_("Checks due"),
    [T_START_CHANGE_SECTION] = N_("After a system change (today)"),
    [T_START_UNFINISHED_SECTION] = N_("Unfinished (resume)"),
    [T_START_FINISHED_SECTION] = N_("Finished (review)"),
    [T_START_NOT_STARTED] = N_("not started"),
    [T_START_IN_PROGRESS] = N_("in progress, {1} answered"),
    [T_START_COMPLETED] = N_("completed {1}"),
    [T_START_DUE_ON] = N_("due {1}"),
    [T_START_OVERDUE] = N_("OVERDUE {1}"),
    [T_START_CHANGE_OF] = N_("Change: {1}"),
    [T_START_HINTS] = N_("Up/Down choose  Enter open  s systems  i forms  L language  ? help  q quit"),
    [T_START_CHECKLISTS] = N_("{1} checklists loaded, {2} items."),
    [T_START_ERR_CHECKLISTS] = N_("The checklist files have errors, so no check can start now. Tell whoever maintains the checklists what follows (selfcheck lint lists every problem); answers already saved are not affected."),
    [T_START_ERR_STORE] = N_("The answer store cannot be read. Tell the system administrator what follows; do not delete the file."),
    [T_OPEN_FAILED] = N_("This check cannot be opened: {1}"),
    [T_START_NO_SYSTEMS] = N_("No information systems registered: the per-system items will not be asked. Press s to register them (for example code oa, name Office automation)."),
    [T_START_NOTHING] = N_("Nothing to open."),
    [T_WALK_ITEM_N] = N_("{3} · item {1} of {2}"),
    [T_WALK_SYSTEM] = N_("System: {1}"),
    [T_WALK_WEIGHT] = N_("Severity {1} · weight {2}"),
    [T_WALK_POINTS] = N_("points {1}/{2}"),
    [T_WALK_GUIDANCE] = N_("How to check: "),
    [T_WALK_SOURCE] = N_("Source: "),
    [T_WALK_ANSWER] = N_("Answer: "),
    [T_WALK_KEYS_CHOICE] = N_("Press a digit, or move with Left/Right and press Enter"),
    [T_WALK_KEYS_NUMBER] = N_("Type a number ({1} to {2} {3}) and press Enter"),
    [T_WALK_KEYS_DATE] = N_("Type a date YYYY-MM-DD (today is {1}) and press Enter"),
    [T_WALK_KEYS_TEXT] = N_("Press Enter to type the text"),
    [T_WALK_PREVIOUS] = N_("Last time ({1}): "),
    [T_WALK_TAKE_OVER] = N_("c: take it over"),
    [T_WALK_CHANGED] = N_("Changed since last time"),
    [T_WALK_SAME] = N_("Same as last time"),
    [T_WALK_NOTE] = N_("Note: "),
    [T_WALK_OWNER] = N_("Remediation owner: "),
    [T_WALK_DUE] = N_("Remediation due: "),
    [T_WALK_EMPTY] = N_("(empty)"),
    [T_WALK_FINDING] = N_("Needs remediation: {1} of {2} points"),
    [T_WALK_ASK_OWNER] = N_("Who will fix this? (Enter saves, Esc skips)"),
    [T_WALK_ASK_DUE] = N_("Confirm the due date (Enter saves, Esc skips)"),
    [T_WALK_HINTS] = N_("j/k move  Tab field  c last  u unanswered  / find  s summary  ? help  q quit"),
    [T_WALK_EDIT_HINTS] = N_("Enter save  Esc cancel  Left/Right move cursor  Ctrl-U clear"),
    [T_WALK_SEARCH] = N_("/ Search questions: "),
    [T_WALK_NOT_FOUND] = N_("Not found: {1}"),
    [T_WALK_ALL_ANSWERED] = N_("Every item is answered (s: summary)."),
    [T_WALK_JUMPED] = N_("That was the last item; here is the first unanswered one."),
    [T_WALK_NO_PREVIOUS] = N_("There is no previous answer to take over."),
    [T_WALK_TOOK_OVER] = N_("Took over last time's answer."),
    [T_WALK_SAVED] = N_("Saved."),
    [T_WALK_NOT_ALLOWED] = N_("This item does not take that answer; it takes: {1}"),
    [T_WALK_NOTHING_TO_ASK] = N_("This check has no items to answer (no checklist item belongs to this profile, or no information system is registered)."),
    [T_ERR_NUMBER] = N_("Please type a number, e.g. 7."),
    [T_ERR_NUMBER_RANGE] = N_("The number must be between {1} and {2} {3}."),
    [T_ERR_DATE] = N_("Type the date as YYYY-MM-DD, e.g. 2026-11-21, and a day that exists."),
    [T_ERR_DATE_FUTURE] = N_("The date cannot be after today ({1})."),
    [T_SUM_TITLE] = N_("Summary"),
    [T_SUM_TOTAL] = N_("Total {1} ({2} points)  Grade: {3}  Verdict: {4}"),
    [T_SUM_PROGRESS] = N_("{1}/{2} answered · {3} to fix · {4} critical failures"),
    [T_SUM_CRITICAL] = N_("Critical failures ({1}; with one, the verdict is Fail whatever the total):"),
    [T_SUM_FINDINGS] = N_("Findings ({1}, to be fixed):"),
    [T_SUM_NO_FINDINGS] = N_("No findings."),
    [T_SUM_OWNER_DUE] = N_("Fix: {1} · due {2}"),
    [T_SUM_NO_OWNER] = N_("no owner yet"),
    [T_SUM_HINTS] = N_("e sign & export  Enter go to item  Esc back  j/k move  ? help  q quit"),
    [T_SUM_INCOMPLETE] = N_("{1} items are not answered yet; the total counts answered items only."),
    [T_EXP_TITLE] = N_("Sign and export the report"),
    [T_EXP_FOLDER] = N_("Folder to write the report into (e.g. a USB stick):"),
    [T_EXP_ALLOW_INCOMPLETE] = N_("Press Enter again to export anyway (the report says it is incomplete), Esc to cancel."),
    [T_EXP_PASSPHRASE] = N_("The signing key is encrypted: type its passphrase and press Enter:"),
    [T_EXP_WRITING] = N_("Writes the report as CSV (opens in a spreadsheet) and SQLite, each with a .sig signature."),
    [T_EXP_DONE] = N_("The report is signed and exported."),
    [T_EXP_FILES] = N_("Files:"),
    [T_EXP_KEY] = N_("Signing key: "),
    [T_EXP_KEY_ID] = N_("Key id ({1}):"),
    [T_EXP_PUBKEY] = N_("Public key: {1} (give it to your supervisor to verify reports)"),
    [T_EXP_VERIFY] = N_("Your supervisor verifies each file in the report's folder with (it prints Signature Verified Successfully):"),
    [T_EXP_HINTS] = N_("Enter export  Esc back to the summary  F1 help"),
    [T_EXP_HINTS_KEY] = N_("g generate the signing key  Esc back"),
    [T_EXP_HINTS_CONFIRM] = N_("Enter export anyway  Esc cancel"),
    [T_EXP_HINTS_DONE] = N_("Enter/Esc back to the summary  j/k scroll  ? help  q quit"),
    [T_EXP_ERR_EXISTS] = N_("A report of that name is already in {1}: {2}."),
    [T_EXP_REPLACE] = N_("To re-issue the report after correcting answers, press Enter to replace the old one (it is removed only once the new one is written and signed; if writing fails it stays as it was). Esc to choose another folder instead."),
    [T_EXP_HINTS_REPLACE] = N_("Enter replace the old report  Esc back"),
    [T_EXP_ERR_IO] = N_("Cannot write to {1}: {2}. Check that the folder exists and the USB stick is in and has room."),
    [T_EXP_ERR_INCOMPLETE] = N_("{1} items are not answered yet."),
    [T_EXP_ERR_KEY_MISSING] = N_("No signing key at {1}. Press g to generate one (then give the public key to your supervisor), Esc to go back."),
    [T_EXP_ERR_KEY_PASS] = N_("Wrong passphrase, please try again."),
    [T_EXP_ERR_KEY_PERM] = N_("The signing key {1} can be read by other users. Run chmod 600 {1} and try again."),
    [T_EXP_ERR_KEY_OTHER] = N_("The signing key {1} cannot be used: {2}"),
    [T_EXP_KEYGEN_DONE] = N_("Signing key generated, id {1}."),
    [T_HELP_TITLE] = N_("Help: keys"),
    [T_HELP_CLOSE] = N_("Any key closes the help  Up/Down/j/k scroll"),
    [T_HELP_COMMON] = N_("Every screen\n?\tshow this help (F1 while typing in a field)\nL\tswitch between Chinese and English\nq\tquit (every answer is already saved)\nCtrl-C\tquit at once; a note being typed is saved too"),
    [T_HELP_SETUP] = N_("First run\nTab, Down\tnext field\nShift-Tab, Up\tprevious field\ntext\ttyped into the current field (input methods work)\nLeft, Right, Home, End\tmove the cursor in the field\nBackspace, Delete\terase a character\nCtrl-U\tempty the field\nEnter\tnext field; on Save: save the settings\nSpace, y, n\ttick or untick \"generate the signing key\"\nEsc\tquit without saving"),
    [T_HELP_START] = N_("Start\nUp, Down, j, k\tchoose a check\nHome, End, PgUp, PgDn\tfirst or last entry\nEnter\topen it: start or resume; a finished check opens its summary\ns\tthe unit's information systems: register, remove\nEsc\tquit"),
    [T_HELP_WALK] = N_("Walk-through\nUp, Down, j, k\tprevious or next item\nPgUp, PgDn\tback or forward a page\nHome, End\tfirst or last item\nu\tnext unanswered item\n/\tsearch the questions (Chinese or English), Enter to go; an empty search repeats the last one\ny, n, p, x\tyes, no, partly, not applicable (x also on other items that allow it)\n1-9\tchoice items: pick that answer\nLeft, Right, h, l\tchoice items: move the highlight, Enter to pick\n0-9\tnumber and date items: start typing, Enter saves\nn\tnumber and date items: answer \"never\" (where allowed, e.g. a restore never tested)\nEnter\tedit the focused field; on an answered yes/no or choice item: next item\nTab, Shift-Tab\tmove between answer, note, remediation owner and due date\nd, Delete\tclear the focused field (press twice: any other key keeps it)\nEsc, b, Backspace\tback to the start screen (every answer is saved)\nc\ttake over last time's answer\ns\tsummary\nWhile typing\nEnter\tsave (numbers and dates are checked first, with a message)\nEsc\tcancel\nLeft, Right, Home, End\tmove the cursor\nCtrl-U\tempty the field\nAfter a No or Partly\tyou are asked for the remediation owner and due date; Esc skips"),
    [T_HELP_SUMMARY] = N_("Summary\nUp, Down, j, k\tchoose a finding\nPgUp, PgDn, Home, End\tpage through\nEnter\tgo to the chosen item to change it\nEsc, b, Backspace\tback to the walk-through\ne\tsign and export the report"),
    [T_HELP_EXPORT] = N_("Sign and export\ntext\tchange the folder to write into\nEnter\texport; when items are unanswered, Enter again to confirm\nEsc\tback to the summary\nF1\thelp\ng\twhen there is no signing key: generate one\nAfter the export\nEnter, Esc, b\tback to the summary\nUp, Down, j, k, PgUp, PgDn\tscroll"),
    [T_HELP_SYSTEMS] = N_("Information systems\nUp, Down, j, k\tchoose a system\na, Enter\tregister a new system: its code, Enter, its name, Enter to save\nd, Delete\tremove the chosen system (d or y again to confirm; finished checks stay as they are)\nEsc, b, Backspace\tback to the start\nWhile typing\nTab, Up, Down\tswitch between code and name\nEsc\tdo not register, back to the list"),
    [T_SYSTEMS_TITLE] = N_("The unit's information systems"),
    [T_SYSTEMS_INTRO] = N_("Per-system items (flaws, passwords, backups, MLPS assessment) are asked once for each system here; after a significant change of a system, the start screen offers its re-assessment."),
    [T_SYSTEMS_NONE] = N_("No systems registered yet. Press a to register the first, for example code oa, name Office automation."),
    [T_SYSTEMS_CODE] = N_("Code"),
    [T_SYSTEMS_NAME] = N_("Name"),
    [T_SYSTEMS_HINTS] = N_("a add  d remove  Up/Down choose  Esc back  L language  ? help  q quit"),
    [T_SYSTEMS_HINTS_ADD] = N_("Enter next/save  Tab switch  Esc cancel  F1 help"),
    [T_SYSTEMS_CONFIRM] = N_("Remove system {1} ({2})? Press d or y again to confirm, any other key to keep it. Finished checks and answers given stay as they are."),
    [T_SYSTEMS_ADDED] = N_("Registered system {1} ({2})"),
    [T_SYSTEMS_REMOVED] = N_("Removed system {1} ({2})"),
    [T_SYSTEMS_ERR_CODE] = N_("The code may contain lower-case letters, digits and - only (not first), at most 64 characters, e.g. oa, web-portal."),
    [T_SYSTEMS_ERR_NAME] = N_("Please type the system's name, e.g. Office automation."),
    [T_SYSTEMS_ERR_TAKEN] = N_("There is a system with code {1} already: choose another code."),
};

bool ui_lang_en(const char *lang)
{
    return lang != NULL && strcmp(lang, "en") == 0;
}

const char *ui_text(ui_str key)
{
    if ((unsigned)key >= T_COUNT || table[key] == NULL)
        return "";
    return _(table[key]);
}

char *ui_subst(const char *tmpl, const char *const *args, size_t n)
{
    size_t len = 0;
    for (const char *p = tmpl; *p; p++) {
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}') {
            size_t i = (size_t)(p[1] - '1');
            if (i < n && args[i])
                len += strlen(args[i]);
            p += 2;
        } else {
            len++;
        }
    }
    char *out = malloc(len + 1);
    if (out == NULL)
        return NULL;
    char *o = out;
    for (const char *p = tmpl; *p; p++) {
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}') {
            size_t i = (size_t)(p[1] - '1');
            if (i < n && args[i]) {
                size_t m = strlen(args[i]);
                memcpy(o, args[i], m);
                o += m;
            }
            p += 2;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return out;
}
