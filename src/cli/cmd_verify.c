/* cmd_verify.c: `selfcheck verify FILE`: checks a report's detached
 * signature, and with --trust DIR that the key is the one registered for the
 * unit the report names; --show then prints what the report says. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "error.h"
#include "fsutil.h"
#include "incident_export.h"
#include "report_keys.h"
#include "printable.h"
#include "report_read.h"
#include "score.h"
#include "text.h"

static int verify_exit_code(report_verify_status st)
{
    switch (st) {
    case REPORT_VERIFY_OK: return EXIT_OK;
    case REPORT_VERIFY_BAD_SIGNATURE: return EXIT_BAD_SIGNATURE;
    case REPORT_VERIFY_UNKNOWN_SIGNER: return EXIT_UNKNOWN_SIGNER;
    case REPORT_VERIFY_KEY_MISMATCH: return EXIT_KEY_MISMATCH;
    case REPORT_VERIFY_MALFORMED: return EXIT_MALFORMED;
    case REPORT_VERIFY_KEY: return EXIT_KEY;
    case REPORT_VERIFY_INTERNAL: break;
    }
    return EXIT_INTERNAL;
}

/* Report text made safe to print (printable.h), "-" when empty. Caller
 * frees. */
static char *clean(const char *text)
{
    return printable_text(text && *text ? text : "-");
}

/* Prints label, then text made safe by clean(). */
static void print_clean(const char *label, const char *text)
{
    char *c = clean(text);
    printf("%s%s", label, c ? c : "?");
    free(c);
}

/* Prints a field's label (translated) padded to one column, then its text
 * made safe; the line is left open. */
static void print_field(const char *label, const char *text)
{
    char *padded = text_pad(label, 14);
    print_clean(padded ? padded : label, text);
    free(padded);
}

/* What a verified report says: who, when, the totals and the findings. */
static void show_report(const report_doc *d)
{
    print_field(_("unit:"), d->unit_code);
    print_clean(" ", d->unit_name);
    putchar('\n');
    profile p;
    print_field(_("profile:"), profile_parse(d->profile, &p) == 0 ? profile_label(p) : d->profile);
    putchar('\n');
    print_field(_("period:"), d->period);
    putchar('\n');
    print_field(_("assessor:"), d->assessor);
    putchar('\n');
    print_field(_("completed at:"), d->completed_at);
    putchar('\n');
    print_field(_("generated at:"), d->generated_at);
    print_clean(" (selfcheck ", d->tool_version);
    printf(")\n");
    print_field(_("report id:"), d->report_id);
    putchar('\n');
    print_field(_("complete:"), d->complete ? _("yes") : _("no (reported with unanswered items)"));
    putchar('\n');
    char total[32];
    snprintf(total, sizeof total, "%.1f%%", d->percent);
    print_field(_("total:"), total);
    if (*d->grade) {
        print_clean(", ", score_grade_text_label(d->grade, d->grade_zh));
    }
    print_clean(_(", verdict "), score_verdict_token_label(d->verdict));
    size_t findings = 0, unanswered = 0;
    for (size_t i = 0; i < d->item_count; i++) {
        findings += d->items[i].finding;
        unanswered += strcmp(d->items[i].state, "unanswered") == 0;
    }
    char count[64];
    snprintf(count, sizeof count, _("%zu (%zu unanswered)"), d->item_count, unanswered);
    putchar('\n');
    print_field(_("items:"), count);
    putchar('\n');
    snprintf(count, sizeof count, "%zu", findings);
    print_field(_("findings:"), count);
    putchar('\n');
    for (size_t i = 0; i < d->item_count; i++) {
        const report_item *it = &d->items[i];
        if (!it->finding)
            continue;
        severity sev;
        print_clean("  [", severity_parse(it->severity, &sev) == 0 ? severity_label(sev) : it->severity);
        print_clean("] ", it->checklist_id);
        print_clean("/", it->item_id);
        if (*it->system_id)
            print_clean(" @", it->system_id);
        print_clean(": ", it->question_zh);
        print_clean(_("\n      answer "), it->answer_text);
        printf(_(", score %.10g of %.10g"), it->score, it->max_score);
        if (*it->owner || *it->due) {
            print_clean(_("; remediation: "), it->owner);
            print_clean(_(", due "), it->due);
        }
        printf("\n");
        if (*it->note) {
            print_clean(_("      note: "), it->note);
            printf("\n");
        }
    }
}

/* An incident export (incident_export.h) is checked by its own reader: the
 * same signature, keys and exit codes as a report. */
static int verify_incident_export(const char *file, const char *pubkey, const char *trust, const char *expect_unit)
{
    incident_export_verification v;
    char *err = NULL;
    report_verify_status vs = incident_export_verify(file, pubkey, trust, &v, &err);
    int code = verify_exit_code(vs);
    if (vs != REPORT_VERIFY_OK) {
        cli_error("%s", err ? err : _("verification failed"));
    } else {
        char *unit = clean(v.unit_code);
        printf(_("%1$s: good signature: incident records of unit %2$s (%3$zu), signed with key %4$s (%5$s)\n"), file,
               unit ? unit : "?", v.incident_count, v.key_id ? v.key_id : "?", sign_algo_name(v.algo));
        free(unit);
        if (expect_unit && strcmp(expect_unit, v.unit_code) != 0) {
            cli_error(_("%1$s: incident records of unit %2$s, not of unit %3$s"), file, v.unit_code, expect_unit);
            code = EXIT_NOT_EXPECTED;
        }
    }
    free(err);
    incident_export_verification_clear(&v);
    return code;
}

int cmd_verify(const cli_globals *g, int argc, char **argv)
{
    int code;
    const char *pubkey = NULL, *trust = NULL, *expect_unit = NULL, *expect_period = NULL;
    bool show = false;
    const cli_option opts[] = {
        {"pubkey", "PUB", N_("the public key to check with"), &pubkey, NULL, false},
        {"trust", "DIR", N_("a folder of UNITCODE.pub: the key registered for the report's unit"), &trust, NULL,
         false},
        {"show", NULL, N_("print the unit, period, totals and findings of a valid report"), NULL, &show, false},
        {"expect-unit", "CODE", N_("exit 14 unless the signed report is of this unit"), &expect_unit, NULL, false},
        {"expect-period", "PERIOD", N_("exit 14 unless the signed report is of this period"), &expect_period, NULL,
         false},
        CLI_OPTION_END,
    };
    static const int exits[] = {EXIT_OK,           EXIT_USAGE,          EXIT_INPUT,        EXIT_NOT_FOUND,
                                EXIT_KEY,          EXIT_BAD_SIGNATURE,  EXIT_UNKNOWN_SIGNER, EXIT_KEY_MISMATCH,
                                EXIT_MALFORMED,    EXIT_NOT_EXPECTED,   EXIT_INTERNAL,     -1};
    static const cli_help help = {
        "verify", "FILE",
        N_("Checks the detached signature FILE.sig of a report (CSV or SQLite) before\n"
        "reading anything in it. With --trust DIR the key must be the one registered\n"
        "for the unit the report names, so one unit cannot report as another.\n"
        "Without --pubkey or --trust, the public key next to the configured [signing] key.\n"),
        exits};
    int first;
    int done = cli_parse(argc, argv, opts, &help, &first);
    if (done != CLI_CONTINUE)
        return done;
    const char *file = first < argc ? argv[first] : NULL;
    if (first + 1 < argc) {
        cli_error(_("verify: one report at a time ('%s' is extra)"), argv[first + 1]);
        return EXIT_USAGE;
    }
    if (file == NULL) {
        cli_error("%s", _("verify: which report? (selfcheck verify FILE)"));
        return EXIT_USAGE;
    }
    if (pubkey && trust) {
        cli_error("%s", _("verify: give --pubkey or --trust, not both"));
        return EXIT_USAGE;
    }
    char *own_pub = NULL;
    if (pubkey == NULL && trust == NULL) {
        config *cfg = cli_load_config(g);
        if (cfg == NULL)
            return EXIT_INPUT;
        own_pub = report_key_public_path(cfg->signing_key);
        config_free(cfg);
        if (own_pub == NULL || !fsutil_exists(own_pub)) {
            cli_error(_("verify: give --pubkey PUB or --trust DIR (there is no %s)"), own_pub ? own_pub : "unit.pub");
            free(own_pub);
            return EXIT_USAGE;
        }
        pubkey = own_pub;
    }
    struct stat st;
    if (trust && (stat(trust, &st) != 0 || !S_ISDIR(st.st_mode))) {
        cli_error(_("%s: no such folder of trusted keys"), trust);
        return EXIT_NOT_FOUND;
    }
    if (pubkey && !fsutil_exists(pubkey)) {
        cli_error(_("%s: no such public key"), pubkey);
        free(own_pub);
        return EXIT_NOT_FOUND;
    }
    if (incident_export_detect_file(file)) {
        code = verify_incident_export(file, pubkey, trust, expect_unit);
        free(own_pub);
        return code;
    }
    report_verification v;
    char *err = NULL;
    report_verify_status vs = report_verify(file, pubkey, trust, &v, &err);
    code = verify_exit_code(vs);
    if (vs != REPORT_VERIFY_OK) {
        cli_error("%s", err ? err : _("verification failed"));
    } else {
        char *period = clean(v.doc->period);
        printf(_("%s: good signature: %s report of unit %s, period %s, signed with key %s (%s)\n"), file,
               report_format_name(v.doc->format), v.doc->unit_code, period ? period : "?", v.key_id,
               sign_algo_name(v.algo));
        /* a report renamed to another unit or period still verifies: the
         * signed content decides, and the name is only a warning */
        char *prof = clean(v.doc->profile);
        if (v.name_mismatch)
            cli_error(_("warning: %1$s: the name does not match the signed content, which is unit %2$s, %3$s, "
                        "period %4$s (its name would be %5$s)"),
                      file, v.doc->unit_code, prof ? prof : "?", period ? period : "?", v.expected_name);
        free(period);
        free(prof);
        if (expect_unit && strcmp(expect_unit, v.doc->unit_code) != 0) {
            cli_error(_("%1$s: a report of unit %2$s, not of unit %3$s"), file, v.doc->unit_code, expect_unit);
            code = EXIT_NOT_EXPECTED;
        }
        if (expect_period && strcmp(expect_period, v.doc->period) != 0) {
            char *got = clean(v.doc->period);
            cli_error(_("%1$s: a report of period %2$s, not of period %3$s"), file, got ? got : "?", expect_period);
            free(got);
            code = EXIT_NOT_EXPECTED;
        }
        if (show)
            show_report(v.doc);
    }
    free(err);
    free(own_pub);
    report_verification_clear(&v);
    return code;
}
