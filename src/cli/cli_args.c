/* cli_args.c: a command's options, parsed with getopt_long from the
 * command's table of options, and its --help text made from the same table,
 * so that an option added to the table is parsed, shown in --help and
 * checked against the man page (tests/cli_man.sh) at once. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"

/* Options' values in getopt's `val`: past every character, so that none is
 * taken for a short option. */
#define OPT_BASE 256

/* The column where an option's help starts in --help. */
#define HELP_COLUMN 24

/* Prints text wrapped to the columns right of the option column, each
 * line after the first indented to it. */
static void print_wrapped(const char *text)
{
    text_span *spans = NULL;
    size_t n = text_wrap(text, 79 - HELP_COLUMN, &spans);
    if (n == (size_t)-1) {
        fputs(text, stdout);
        return;
    }
    for (size_t i = 0; i < n; i++)
        printf("%s%*s%.*s", i ? "\n" : "", i ? HELP_COLUMN : 0, "", (int)spans[i].length, text + spans[i].offset);
    free(spans);
}

/* "--name ARG" or "--name" into buf. */
static void option_label(const cli_option *o, char *buf, size_t size)
{
    if (o->arg)
        snprintf(buf, size, "--%s %s", o->name, o->arg);
    else
        snprintf(buf, size, "--%s", o->name);
}

void cli_print_usage_line(const char *command, const char *operands, const cli_option *opts)
{
    /* "usage: selfcheck CMD OPERANDS [--opt ARG]...", wrapped before 80
     * columns under the command */
    char head[64];
    snprintf(head, sizeof head, "%s selfcheck %s", _("usage:"), command);
    fputs(head, stdout);
    size_t indent = text_width(head), column = indent;
    if (operands && *operands) {
        printf(" %s", operands);
        column += 1 + text_width(operands);
    }
    for (const cli_option *o = opts; o && o->name; o++) {
        char label[96], shown[100];
        option_label(o, label, sizeof label);
        snprintf(shown, sizeof shown, o->required ? "%s" : "[%s]", label);
        size_t w = text_width(shown);
        if (column + 1 + w > 79) {
            printf("\n%*s", (int)indent, "");
            column = indent;
        }
        printf(" %s", shown);
        column += 1 + w;
    }
    putchar('\n');
}

void cli_print_exit_codes(const int *codes)
{
    printf("%s\n", _("exit codes:"));
    for (size_t i = 0; codes[i] >= 0; i++)
        printf("  %2d %s\n", codes[i], cli_exit_label(codes[i]));
}

void cli_print_help(const cli_help *help, const cli_option *opts)
{
    cli_print_usage_line(help->command, help->operands, opts);
    fputs(_(help->text), stdout);
    printf("\n%s\n", _("options:"));
    for (const cli_option *o = opts; o && o->name; o++) {
        char label[96];
        option_label(o, label, sizeof label);
        printf("  %-*s", HELP_COLUMN - 2, label);
        if (strlen(label) > HELP_COLUMN - 3)
            printf("\n%*s", HELP_COLUMN, "");
        print_wrapped(_(o->help));
        putchar('\n');
    }
    printf("  %-*s%s\n", HELP_COLUMN - 2, "--help", _("this text"));
    cli_print_exit_codes(help->exits);
}

int cli_parse(int argc, char **argv, const cli_option *opts, const cli_help *help, int *first_operand)
{
    size_t count = 0;
    while (opts && opts[count].name)
        count++;
    struct option *longs = calloc(count + 2, sizeof *longs);
    if (longs == NULL) {
        cli_error(_("out of memory"));
        return EXIT_INTERNAL;
    }
    for (size_t i = 0; i < count; i++) {
        longs[i].name = opts[i].name;
        longs[i].has_arg = opts[i].arg ? required_argument : no_argument;
        longs[i].val = OPT_BASE + (int)i;
    }
    longs[count].name = "help";
    longs[count].val = 'h';
    const char *command = argv[0];
    int code = CLI_CONTINUE;
    /* options may follow operands (permuted); "--" ends them; ':' first makes
     * a missing value ':' so that it is told apart from an unknown option.
     * optind = 0 starts getopt afresh after main's own pass. */
    optind = 0;
    opterr = 0;
    int c;
    while (code == CLI_CONTINUE && (c = getopt_long(argc, argv, ":h", longs, NULL)) != -1) {
        if (c == 'h') {
            cli_print_help(help, opts);
            code = EXIT_OK;
        } else if (c >= OPT_BASE && c < OPT_BASE + (int)count) {
            const cli_option *o = &opts[c - OPT_BASE];
            if (o->value)
                *o->value = optarg;
            if (o->flag)
                *o->flag = true;
        } else if (c == ':') {
            cli_error(_("%s: %s needs a value"), command, argv[optind - 1]);
            code = EXIT_USAGE;
        } else if (optopt >= OPT_BASE && optopt < OPT_BASE + (int)count) {
            cli_error(_("%s: --%s takes no value"), command, opts[optopt - OPT_BASE].name);
            code = EXIT_USAGE;
        } else {
            cli_error(_("%s: unknown option '%s' (see selfcheck %s --help)"), command, argv[optind - 1], command);
            code = EXIT_USAGE;
        }
    }
    free(longs);
    *first_operand = optind;
    return code;
}

int cli_parse_options(int argc, char **argv, const cli_option *opts, const cli_help *help)
{
    int first;
    int code = cli_parse(argc, argv, opts, help, &first);
    if (code == CLI_CONTINUE && first < argc) {
        cli_error(_("%s: unknown argument '%s' (see selfcheck %s --help)"), argv[0], argv[first], argv[0]);
        code = EXIT_USAGE;
    }
    return code;
}
