/* cmd_incident.h: what `selfcheck incident classify|lint` (cmd_incident.c)
 * and the record commands (cmd_incident_record.c) share. */
#ifndef SELFCHECK_CMD_INCIDENT_H
#define SELFCHECK_CMD_INCIDENT_H

#include "cli.h"
#include "incident.h"

/* The rules file: the one named, else the installed one. Prints what went
 * wrong; returns EXIT_OK with *out, else an exit code (invalid_code for a
 * file with problems). */
int cmd_incident_load_rules(const char *named, incident_rules **out, int invalid_code);

/* Reads the facts of argv[first..argc) (KEY=VALUE each). Prints the first
 * mistake; EXIT_OK or EXIT_USAGE. */
int cmd_incident_read_facts(int argc, char **argv, int first, incident_facts *facts);

/* Prints a classification: the machine lines `level:` and `warning:`, then
 * the rules that applied and the actions required, with their clauses. */
void cmd_incident_print_result(const incident_rules *rules, const incident_result *res);

/* `incident record|list|show|event|export`: argv[first] is the action.
 * Returns an exit code. */
int cmd_incident_record(const cli_globals *g, const char *rules_path, const char *system, const char *at,
                        const char *out, const char *key, const char *pass_file, int argc, char **argv, int first);

#endif
