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

/* Prints text wrapped to the columns right of `column`, each line after
 * the first indented to it. */
static void print_wrapped(const char *text, int column)
{
    text_span *spans = NULL;
    size_t n = text_wrap(text, (size_t)(79 - column), &spans);
    if (n == (size_t)-1) {
        fputs(text, stdout);
        return;
    }
    for (size_t i = 0; i < n; i++)
        printf("%s%*s%.*s", i ? "\n" : "", i ? column : 0, "", (int)spans[i].length, text + spans[i].offset);
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
        print_wrapped(_(o->help), HELP_COLUMN);
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
    /* errors name the command as its help does ("review units add") */
    const char *command = help && help->command ? help->command : argv[0];
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
    for (size_t i = 0; code == CLI_CONTINUE && i < count; i++)
        if (opts[i].required && !(opts[i].value ? *opts[i].value != NULL : opts[i].flag && *opts[i].flag)) {
            if (opts[i].arg)
                cli_error(_("%1$s: --%2$s %3$s is required"), command, opts[i].name, opts[i].arg);
            else
                cli_error(_("%1$s: --%2$s is required"), command, opts[i].name);
            code = EXIT_USAGE;
        }
    *first_operand = optind;
    return code;
}

int cli_parse_count(int argc, char **argv, const cli_option *opts, const cli_help *help, int min, int max,
                    int *first_operand)
{
    int code = cli_parse(argc, argv, opts, help, first_operand);
    if (code != CLI_CONTINUE)
        return code;
    const char *command = help && help->command ? help->command : argv[0];
    int n = argc - *first_operand;
    if (max >= 0 && n > max) {
        cli_error(_("%s: unknown argument '%s' (see selfcheck %s --help)"), command,
                  argv[*first_operand + max], command);
        return EXIT_USAGE;
    }
    if (n < min) {
        cli_error(_("%1$s: expected %2$s (see selfcheck %3$s --help)"), command,
                  help && help->operands ? help->operands : "", command);
        return EXIT_USAGE;
    }
    return CLI_CONTINUE;
}

int cli_parse_options(int argc, char **argv, const cli_option *opts, const cli_help *help)
{
    int first;
    return cli_parse_count(argc, argv, opts, help, 0, 0, &first);
}

/* The --help of a command with subcommands: usage, what it does, the
 * subcommands with their summaries, --help and the exit codes. */
static void print_dispatch_help(const cli_help *help, const cli_subcommand *subs)
{
    cli_print_usage_line(help->command, help->operands, NULL);
    fputs(_(help->text), stdout);
    printf("\n%s\n", _("commands:"));
    int column = 0;
    for (const cli_subcommand *s = subs; s->name; s++)
        if ((int)strlen(s->name) > column)
            column = (int)strlen(s->name);
    column += 4;
    for (const cli_subcommand *s = subs; s->name; s++) {
        printf("  %-*s", column - 2, s->name);
        print_wrapped(_(s->summary), column);
        putchar('\n');
    }
    printf("\n%s\n", _("options:"));
    printf("  %-*s%s\n", HELP_COLUMN - 2, "--help", _("this text"));
    cli_print_exit_codes(help->exits);
}

int cli_dispatch(const cli_globals *g, int argc, char **argv, const cli_subcommand *subs, const cli_help *help)
{
    const char *name = argc > 1 ? argv[1] : NULL;
    if (name && (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)) {
        print_dispatch_help(help, subs);
        return EXIT_OK;
    }
    if (name == NULL) {
        cli_error(_("%1$s: which command? (see selfcheck %1$s --help)"), help->command);
        return EXIT_USAGE;
    }
    for (const cli_subcommand *s = subs; s->name; s++)
        if (strcmp(name, s->name) == 0)
            return s->run(g, argc - 1, argv + 1);
    if (name[0] == '-')
        cli_error(_("%1$s: unknown option '%2$s' before the command (see selfcheck %1$s --help)"), help->command,
                  name);
    else
        cli_error(_("%1$s: unknown command '%2$s' (see selfcheck %1$s --help)"), help->command, name);
    return EXIT_USAGE;
}
