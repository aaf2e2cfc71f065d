/* cmd_forms.c: the actions common to the annex forms (see cmd_forms.h and
 * docs/forms.md): set and show values, a sheet to fill in a spreadsheet and
 * its import (all or nothing), and the export in the annex's columns. */
#include "cmd_forms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "forms_store.h"
#include "fsutil.h"
#include "i18n.h"
#include "store.h"

/* The store, the registered systems and the form as recorded. */
typedef struct forms_session {
    store *store;
    forms_store *forms;
    system_info *systems;
    size_t system_count;
    forms_data *data;
} forms_session;

static void form_session_close(forms_session *fs)
{
    forms_data_free(fs->data);
    system_info_free_array(fs->systems, fs->system_count);
    forms_store_close(fs->forms);
    store_close(fs->store);
}

static int form_session_load(forms_session *fs, const forms_def *def, char **err)
{
    forms_data_free(fs->data);
    fs->data = NULL;
    return forms_store_load(fs->forms, def, fs->systems, fs->system_count, &fs->data, err);
}

static int form_session_open(const cli_globals *g, const forms_def *def, forms_session *fs)
{
    memset(fs, 0, sizeof *fs);
    config *cfg = cli_load_config(g);
    if (cfg == NULL)
        return EXIT_INPUT;
    char *path = g->db_path ? strdup(g->db_path) : config_store_path(cfg);
    config_free(cfg);
    char *err = NULL;
    int code = EXIT_OK;
    /* store_open first: it makes the file and the systems' table */
    if (path == NULL || store_open(path, &fs->store, &err) != 0 || forms_store_open(path, &fs->forms, &err) != 0 ||
        store_systems_list(fs->store, &fs->systems, &fs->system_count, &err) != 0 || form_session_load(fs, def, &err) != 0) {
        cli_error("%s", err ? err : _("out of memory"));
        form_session_close(fs);
        code = EXIT_STORE;
    }
    free(path);
    free(err);
    return code;
}

static int write_file(const char *path, const char *data, size_t len, const char *what)
{
    char *err = NULL;
    int rc = fsutil_write_atomic(path, data, len, 0600, false, &err);
    if (rc != 0) {
        cli_error("%s", err);
        free(err);
        return rc == FSUTIL_EXISTS ? EXIT_EXISTS : EXIT_IO;
    }
    fprintf(stderr, _("wrote %1$s: %2$s\n"), path, what);
    return EXIT_OK;
}

static void show_record(const forms_record *r, const forms_field *fields, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const char *v = r->values[i];
        printf("  %-24s %s", fields[i].key, v ? forms_value_title(&fields[i], v) : "-");
        printf("    (%s)\n", _(fields[i].label));
    }
}

static void show_fields(const forms_field *fields, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        char *allowed = forms_allowed(&fields[i]);
        printf("  %-24s %-16s %s | %s\n", fields[i].key, allowed ? allowed : "", fields[i].title, _(fields[i].label));
        free(allowed);
    }
}

static int do_show(const forms_session *fs, const char *system, bool fields)
{
    const forms_def *def = fs->data->def;
    if (fields) {
        printf("%s\n", _("unit block (selfcheck FORM set KEY=VALUE):"));
        show_fields(def->unit, def->unit_count);
        printf("%s\n", _("each system (selfcheck FORM set --system ID KEY=VALUE):"));
        show_fields(def->row, def->row_count);
        return EXIT_OK;
    }
    if (system == NULL) {
        printf("%s\n", _("unit"));
        show_record(&fs->data->unit, def->unit, def->unit_count);
    }
    for (size_t i = 0; i < fs->data->row_count; i++) {
        const forms_record *r = &fs->data->rows[i];
        if (system != NULL && strcmp(system, r->id) != 0)
            continue;
        printf(_("system %1$s (%2$s)\n"), r->id, r->name);
        show_record(r, def->row, def->row_count);
    }
    if (system != NULL && forms_data_row(fs->data, system) == NULL) {
        cli_error(_("no system '%s' (add it with 'selfcheck systems add')"), system);
        return EXIT_NOT_FOUND;
    }
    return EXIT_OK;
}

static int do_set(forms_session *fs, const char *system, int argc, char **argv)
{
    forms_changes changes = {0};
    int code = EXIT_OK;
    char *err = NULL;
    for (int i = 0; i < argc && code == EXIT_OK; i++) {
        int rc = forms_changes_add(&changes, fs->data, system, argv[i], &err);
        if (rc != FORMS_OK) {
            cli_error("%s", err);
            code = rc == FORMS_ERR_NOT_FOUND ? EXIT_NOT_FOUND : rc == FORMS_ERR_INVALID ? EXIT_USAGE : EXIT_INTERNAL;
        }
    }
    if (code == EXIT_OK && forms_store_apply(fs->forms, fs->data->def, &changes, &err) != 0) {
        cli_error("%s", err);
        code = EXIT_STORE;
    }
    if (code == EXIT_OK)
        printf(ngettext("recorded %zu value\n", "recorded %zu values\n", changes.count), changes.count);
    forms_changes_clear(&changes);
    free(err);
    return code;
}

static int do_import(forms_session *fs, const char *path)
{
    forms_changes changes = {0};
    diag_list problems;
    diag_list_init(&problems);
    char *err = NULL;
    int code = EXIT_OK;
    int rc = forms_sheet_read(fs->data, path, &changes, &problems, &err);
    if (rc == FORMS_ERR_INVALID) {
        cli_print_diags(&problems);
        cli_error(_("%1$s: problems found: %2$zu; nothing of the sheet was recorded"), path, problems.count);
        code = EXIT_INPUT;
    } else if (rc != FORMS_OK) {
        cli_error("%s", err);
        code = EXIT_IO;   /* the file cannot be read (missing, unreadable, too big) */
    } else if (forms_store_apply(fs->forms, fs->data->def, &changes, &err) != 0) {
        cli_error("%s", err);
        code = EXIT_STORE;
    } else {
        printf(ngettext("recorded %zu value from %s\n", "recorded %zu values from %s\n", changes.count),
               changes.count, path);
    }
    forms_changes_clear(&changes);
    diag_list_clear(&problems);
    free(err);
    return code;
}

int cmd_forms_run(const cli_globals *g, int argc, char **argv, const forms_def *def, cmd_forms_export_fn export_fn,
                  const char *help_text)
{
    const char *system = NULL, *out_path = NULL;
    bool fields = false;
    const cli_option opts[] = {
        {"system", "ID", N_("set or show the row of system ID (default: the unit block)"), &system, NULL, false},
        {"out", "FILE", N_("template, export: write to FILE; never overwrites"), &out_path, NULL, false},
        {"fields", NULL, N_("show: list the fields, what each takes and its title in the annex"), NULL, &fields,
         false},
        CLI_OPTION_END,
    };
    static const int exits[] = {EXIT_OK,        EXIT_USAGE,  EXIT_INPUT, EXIT_STORE, EXIT_IO,
                                EXIT_NOT_FOUND, EXIT_EXISTS, -1};
    const cli_help help = {argv[0], N_("set KEY=VALUE... | show | template --out FILE | import FILE | export --out FILE"),
                           help_text, exits};
    int first;
    int done = cli_parse(argc, argv, opts, &help, &first);
    if (done != CLI_CONTINUE)
        return done;
    int nops = argc - first;
    char **ops = argv + first;
    const char *action = nops > 0 ? ops[0] : "";
    bool ok = (strcmp(action, "set") == 0 && nops >= 2) || (strcmp(action, "show") == 0 && nops == 1) ||
              ((strcmp(action, "template") == 0 || strcmp(action, "export") == 0) && nops == 1 && out_path) ||
              (strcmp(action, "import") == 0 && nops == 2);
    if (!ok) {
        cli_error(_("usage: selfcheck %s set [--system ID] KEY=VALUE... | show [--system ID] [--fields] | template "
                    "--out FILE | import FILE | export --out FILE"),
                  argv[0]);
        return EXIT_USAGE;
    }
    forms_session fs;
    int code = form_session_open(g, def, &fs);
    if (code != EXIT_OK)
        return code;
    char *data = NULL, *err = NULL;
    size_t len = 0;
    if (strcmp(action, "set") == 0) {
        code = do_set(&fs, system, nops - 1, ops + 1);
    } else if (strcmp(action, "show") == 0) {
        code = do_show(&fs, system, fields);
    } else if (strcmp(action, "import") == 0) {
        code = do_import(&fs, ops[1]);
    } else if (strcmp(action, "template") == 0) {
        if (forms_sheet_render(fs.data, &data, &len, &err) != 0) {
            cli_error("%s", err);
            code = EXIT_INTERNAL;
        } else {
            code = write_file(out_path, data, len, _("the sheet to fill in"));
        }
    } else {
        if (export_fn(fs.data, &data, &len, &err) != 0) {
            cli_error("%s", err);
            code = EXIT_INTERNAL;
        } else {
            code = write_file(out_path, data, len, _("the annex's table"));
        }
    }
    free(data);
    free(err);
    form_session_close(&fs);
    return code;
}
