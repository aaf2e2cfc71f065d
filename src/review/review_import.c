/* review_import.c: walks folders of reports, checks them on worker threads
 * and hands what verified to the importer on the calling thread (see
 * review_import.h).
 *
 * Workers take the next report from a shared counter and put their result
 * into a bounded queue, so that however many reports there are, only a few
 * parsed ones are in memory at once. The calling thread alone talks to the
 * store, and commits a batch of reports whole: a crash loses at most the
 * batch under way, and a re-run finds the rest (files stored before are
 * recognised by their hash and not checked again). Workers run at a lower
 * priority than the writer, whose pace decides the import's. */
#include "review_import.h"
#include "error.h"
#include "i18n.h"
#include "fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define QUEUE_CAPACITY 32
#define DEFAULT_BATCH 100
#define MAX_WORKERS 16

/* One report: a file, or the CSV and SQLite files of the same stem. */
typedef struct job {
    char *path[2];
    size_t count;
} job;

typedef struct job_list {
    job *jobs;
    size_t count, capacity;
    size_t files, skipped;
} job_list;

typedef struct result {
    size_t job;
    review_checked check[2];
} result;

typedef struct pipeline {
    const review_registry *registry;
    const job_list *jobs;
    bool allow_incomplete;
    char **known;
    size_t known_count;
    pthread_mutex_t lock;
    pthread_cond_t not_empty, not_full;
    size_t next_job;
    result *queue[QUEUE_CAPACITY];
    size_t head, queued;
    size_t running;       /* workers not finished */
    bool stop;            /* the writer failed: workers give up */
} pipeline;

static void jobs_free(job_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        for (size_t f = 0; f < l->jobs[i].count; f++)
            free(l->jobs[i].path[f]);
    free(l->jobs);
}

static int jobs_add(job_list *l, char *a, char *b)
{
    if (l->count == l->capacity) {
        size_t c = l->capacity ? 2 * l->capacity : 256;
        job *g = realloc(l->jobs, c * sizeof *g);
        if (g == NULL)
            return -1;
        l->jobs = g;
        l->capacity = c;
    }
    l->jobs[l->count++] = (job){{a, b}, b ? 2 : 1};
    l->files += b ? 2 : 1;
    return 0;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    return n >= t && strcmp(s + n - t, tail) == 0;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether `name` is in the sorted names. */
static bool has_name(char **names, size_t count, const char *name)
{
    return bsearch(&name, names, count, sizeof *names, cmp_name) != NULL;
}

/* The stem of NAME.csv / NAME.sqlite when the other one is in the folder
 * too (with its signature): then the two are one report. */
static char *twin_of(char **names, size_t count, const char *name)
{
    const char *from = ends_with(name, ".csv") ? ".csv" : ends_with(name, ".sqlite") ? ".sqlite" : NULL;
    if (from == NULL)
        return NULL;
    const char *to = strcmp(from, ".csv") == 0 ? ".sqlite" : ".csv";
    size_t stem = strlen(name) - strlen(from);
    char *twin = NULL, *twin_sig = NULL;
    if (asprintf(&twin, "%.*s%s", (int)stem, name, to) < 0)
        return NULL;
    if (asprintf(&twin_sig, "%s.sig", twin) < 0) {
        free(twin);
        return NULL;
    }
    bool found = has_name(names, count, twin) && has_name(names, count, twin_sig);
    free(twin_sig);
    if (!found) {
        free(twin);
        return NULL;
    }
    return twin;
}

static int walk(const char *dir, job_list *l, int depth, char **err);

/* Files and folders of one folder, sorted, so that every run sees them in
 * the same order. */
static int walk_entries(const char *dir, char **names, size_t count, job_list *l, int depth, char **err)
{
    for (size_t i = 0; i < count; i++) {
        char *path = fsutil_join(dir, names[i]);
        if (path == NULL)
            return error_set(err, _("out of memory"));
        struct stat st;
        if (lstat(path, &st) != 0) {
            free(path);
            l->skipped++;
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            int rc = walk(path, l, depth + 1, err);
            free(path);
            if (rc != 0)
                return -1;
            continue;
        }
        if (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) {
            free(path);
            l->skipped++;
            continue;
        }
        const char *name = names[i];
        char *sig = NULL;
        if (asprintf(&sig, "%s.sig", name) < 0) {
            free(path);
            return error_set(err, _("out of memory"));
        }
        bool signed_file = has_name(names, count, sig);
        free(sig);
        if (ends_with(name, ".sig")) {
            /* a signature is part of its report; a lone one is skipped */
            char *base = strndup(name, strlen(name) - 4);
            if (base == NULL) {
                free(path);
                return error_set(err, _("out of memory"));
            }
            if (!has_name(names, count, base))
                l->skipped++;
            free(base);
            free(path);
            continue;
        }
        if (!signed_file) {
            l->skipped++;   /* keys, notes: never trusted, never rejected */
            free(path);
            continue;
        }
        char *twin = twin_of(names, count, name);
        char *twin_path = NULL;
        if (twin != NULL) {
            /* the pair is one job, taken when its CSV comes by */
            bool csv = ends_with(name, ".csv");
            if (!csv) {
                free(twin);
                free(path);
                continue;
            }
            twin_path = fsutil_join(dir, twin);
            free(twin);
            if (twin_path == NULL) {
                free(path);
                return error_set(err, _("out of memory"));
            }
        }
        if (jobs_add(l, path, twin_path) != 0) {
            free(path);
            free(twin_path);
            return error_set(err, _("out of memory"));
        }
    }
    return 0;
}

static int walk(const char *dir, job_list *l, int depth, char **err)
{
    if (depth > 64)
        return error_set(err, _("%s: folders nested too deep"), dir);
    DIR *d = opendir(dir);
    if (d == NULL)
        return error_set(err, _("%s: cannot read the folder: %s"), dir, i18n_strerror(errno));
    char **names = NULL;
    size_t count = 0, cap = 0;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (count == cap) {
            size_t c = cap ? 2 * cap : 64;
            char **g = realloc(names, c * sizeof *g);
            if (g == NULL) {
                rc = error_set(err, _("out of memory"));
                break;
            }
            names = g;
            cap = c;
        }
        if ((names[count] = strdup(e->d_name)) == NULL) {
            rc = error_set(err, _("out of memory"));
            break;
        }
        count++;
    }
    closedir(d);
    if (rc == 0) {
        qsort(names, count, sizeof *names, cmp_name);
        rc = walk_entries(dir, names, count, l, depth, err);
    }
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
    return rc;
}

/* A path given on the command line: a folder, or one report file. */
static int collect(const char *path, job_list *l, char **err)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return error_set(err, "%s: %s", path, i18n_strerror(errno));
    if (S_ISDIR(st.st_mode))
        return walk(path, l, 0, err);
    if (ends_with(path, ".sig")) {
        l->skipped++;
        return 0;
    }
    char *copy = strdup(path);
    if (copy == NULL || jobs_add(l, copy, NULL) != 0) {
        free(copy);
        return error_set(err, _("out of memory"));
    }
    return 0;
}

/* ---- workers ---- */

static void *worker(void *arg)
{
    pipeline *p = arg;
    /* below the writer: the writer's pace is the import's */
    setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 5);
    for (;;) {
        pthread_mutex_lock(&p->lock);
        size_t n = p->stop ? p->jobs->count : p->next_job++;
        pthread_mutex_unlock(&p->lock);
        if (n >= p->jobs->count)
            break;
        result *r = calloc(1, sizeof *r);
        if (r != NULL) {
            r->job = n;
            const job *j = &p->jobs->jobs[n];
            for (size_t f = 0; f < j->count; f++)
                review_check_file(p->registry, j->path[f], p->allow_incomplete, p->known, p->known_count,
                                  &r->check[f]);
        }
        pthread_mutex_lock(&p->lock);
        while (p->queued == QUEUE_CAPACITY && !p->stop)
            pthread_cond_wait(&p->not_full, &p->lock);
        if (p->stop) {
            pthread_mutex_unlock(&p->lock);
            if (r != NULL)
                for (size_t f = 0; f < 2; f++)
                    review_checked_clear(&r->check[f]);
            free(r);
            break;
        }
        /* a NULL result (out of memory) still tells the writer the job is done */
        p->queue[(p->head + p->queued) % QUEUE_CAPACITY] = r;
        p->queued++;
        pthread_cond_signal(&p->not_empty);
        pthread_mutex_unlock(&p->lock);
    }
    pthread_mutex_lock(&p->lock);
    p->running--;
    pthread_cond_signal(&p->not_empty);
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* The next result, or NULL when every worker has finished and the queue is
 * empty; *got tells a NULL result (out of memory) from the end. */
static result *next_result(pipeline *p, bool *got)
{
    pthread_mutex_lock(&p->lock);
    while (p->queued == 0 && p->running > 0)
        pthread_cond_wait(&p->not_empty, &p->lock);
    result *r = NULL;
    *got = false;
    if (p->queued > 0) {
        r = p->queue[p->head];
        p->head = (p->head + 1) % QUEUE_CAPACITY;
        p->queued--;
        *got = true;
        pthread_cond_signal(&p->not_full);
    }
    pthread_mutex_unlock(&p->lock);
    return r;
}

/* ---- the writer ---- */

typedef struct writer {
    const review_importer *imp;
    const review_import_options *opts;
    review_import_summary *sum;
    size_t in_batch, batch;
    bool open;
} writer;

static void tell(writer *w, const char *path, review_file_outcome outcome, review_reason reason, const char *detail)
{
    if (outcome == REVIEW_FILE_IMPORTED)
        w->sum->imported++;
    else if (outcome == REVIEW_FILE_ALREADY)
        w->sum->already++;
    else
        w->sum->rejected++;
    if (w->opts->on_file != NULL)
        w->opts->on_file(w->opts->ctx, path, outcome, reason, detail);
}

static int writer_commit(writer *w, char **err)
{
    if (!w->open)
        return 0;
    w->open = false;
    w->in_batch = 0;
    if (w->imp->commit(w->imp->self, err) != 0) {
        w->imp->rollback(w->imp->self);
        return -1;
    }
    return 0;
}

/* Stores a report that verified (from one file or a pair). */
static int writer_store(writer *w, const job *j, review_checked *c, size_t count, char **err)
{
    const review_checked *with_doc = NULL;
    review_file files[2];
    size_t n = 0;
    for (size_t f = 0; f < count; f++) {
        if (c[f].doc != NULL && with_doc == NULL)
            with_doc = &c[f];
        if (!c[f].known)
            files[n++] = (review_file){j->path[f], c[f].file_sha256, report_format_name(c[f].doc->format)};
    }
    if (with_doc == NULL) {
        for (size_t f = 0; f < count; f++)
            tell(w, j->path[f], REVIEW_FILE_ALREADY, REVIEW_OK, NULL);
        return 0;
    }
    if (!w->open) {
        if (w->imp->begin(w->imp->self, err) != 0)
            return -1;
        w->open = true;
    }
    review_store_outcome o = w->imp->store(w->imp->self, with_doc->doc, with_doc->key_id, with_doc->content_sha256,
                                           files, n, err);
    if (o == REVIEW_STORED_ERROR) {
        w->imp->rollback(w->imp->self);
        w->open = false;
        return -1;
    }
    for (size_t f = 0; f < count; f++) {
        if (o == REVIEW_STORED_CONFLICT && !c[f].known) {
            char *detail = NULL;
            error_set(&detail, _("report id %s was imported before with other content"), with_doc->doc->report_id);
            tell(w, j->path[f], REVIEW_FILE_REJECTED, REVIEW_ID_CONFLICT, detail);
            free(detail);
        } else {
            tell(w, j->path[f], o == REVIEW_STORED_NEW && !c[f].known ? REVIEW_FILE_IMPORTED : REVIEW_FILE_ALREADY,
                 REVIEW_OK, NULL);
        }
    }
    if (++w->in_batch >= w->batch)
        return writer_commit(w, err);
    return 0;
}

/* The CSV and SQLite files of one report must be the same report: else both
 * are rejected. Returns true when they may be stored. */
static bool pair_agrees(writer *w, const job *j, review_checked *c)
{
    bool ok0 = c[0].reason == REVIEW_OK, ok1 = c[1].reason == REVIEW_OK;
    if (ok0 && ok1) {
        if (c[0].doc == NULL || c[1].doc == NULL)
            return true;   /* one imported before: the store compares */
        if (strcmp(c[0].doc->report_id, c[1].doc->report_id) == 0 &&
            strcmp(c[0].content_sha256, c[1].content_sha256) == 0)
            return true;
    }
    for (size_t f = 0; f < 2; f++) {
        if (c[f].reason != REVIEW_OK) {
            tell(w, j->path[f], REVIEW_FILE_REJECTED, c[f].reason, c[f].detail);
            continue;
        }
        if (c[f].known) {
            tell(w, j->path[f], REVIEW_FILE_ALREADY, REVIEW_OK, NULL);
            continue;
        }
        char *detail = NULL;
        if (ok0 && ok1)
            error_set(&detail, _("%s and its twin %s are different reports"), j->path[f], j->path[1 - f]);
        else
            error_set(&detail, _("its twin %s was rejected"), j->path[1 - f]);
        tell(w, j->path[f], REVIEW_FILE_REJECTED, REVIEW_PAIR_MISMATCH, detail);
        free(detail);
    }
    return false;
}

static int writer_take(writer *w, const job *j, review_checked *c, char **err)
{
    if (j->count == 2) {
        if (!pair_agrees(w, j, c))
            return 0;
        return writer_store(w, j, c, 2, err);
    }
    if (c[0].reason != REVIEW_OK) {
        tell(w, j->path[0], REVIEW_FILE_REJECTED, c[0].reason, c[0].detail);
        return 0;
    }
    return writer_store(w, j, c, 1, err);
}

static void pipeline_stop(pipeline *p)
{
    pthread_mutex_lock(&p->lock);
    p->stop = true;
    pthread_cond_broadcast(&p->not_full);
    pthread_mutex_unlock(&p->lock);
}

int review_import(const review_registry *registry, const review_importer *importer, const char *const *paths,
                  size_t path_count, const review_import_options *opts, review_import_summary *summary,
                  char **err)
{
    memset(summary, 0, sizeof *summary);
    job_list jobs = {0};
    pipeline p = {.registry = registry, .jobs = &jobs, .allow_incomplete = opts->allow_incomplete};
    int rc = 0;
    for (size_t i = 0; i < path_count && rc == 0; i++)
        rc = collect(paths[i], &jobs, err);
    summary->reports = jobs.files;
    summary->skipped = jobs.skipped;
    if (rc != 0) {
        jobs_free(&jobs);
        return REVIEW_IMPORT_ERR_PATH;
    }
    if (importer->known_files(importer->self, &p.known, &p.known_count, err) != 0) {
        jobs_free(&jobs);
        return REVIEW_IMPORT_ERR_STORE;
    }
    size_t workers = opts->workers;
    if (workers == 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        workers = n > 0 ? (size_t)n : 1;
    }
    if (workers > MAX_WORKERS)
        workers = MAX_WORKERS;
    pthread_t threads[MAX_WORKERS];
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.not_empty, NULL);
    pthread_cond_init(&p.not_full, NULL);
    size_t started = 0;
    for (; started < workers; started++) {
        pthread_mutex_lock(&p.lock);
        p.running++;
        pthread_mutex_unlock(&p.lock);
        if (pthread_create(&threads[started], NULL, worker, &p) != 0) {
            pthread_mutex_lock(&p.lock);
            p.running--;
            pthread_mutex_unlock(&p.lock);
            break;
        }
    }
    if (started == 0)
        rc = error_set(err, _("cannot start a thread"));
    writer w = {importer, opts, summary, 0, opts->batch ? opts->batch : DEFAULT_BATCH, false};
    size_t done = 0;
    bool got;
    result *r;
    while (rc == 0 && ((r = next_result(&p, &got)) != NULL || got)) {
        if (r == NULL) {
            rc = error_set(err, _("out of memory"));
            break;
        }
        const job *j = &jobs.jobs[r->job];
        rc = writer_take(&w, j, r->check, err);
        done += j->count;
        for (size_t f = 0; f < 2; f++)
            review_checked_clear(&r->check[f]);
        free(r);
        if (opts->on_progress != NULL)
            opts->on_progress(opts->ctx, done, jobs.files);
    }
    if (rc == 0)
        rc = writer_commit(&w, err);
    else if (w.open)
        importer->rollback(importer->self);
    pipeline_stop(&p);
    for (size_t i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    /* results left when the writer stopped early */
    while (p.queued > 0) {
        result *left = p.queue[p.head];
        p.head = (p.head + 1) % QUEUE_CAPACITY;
        p.queued--;
        if (left != NULL)
            for (size_t f = 0; f < 2; f++)
                review_checked_clear(&left->check[f]);
        free(left);
    }
    pthread_mutex_destroy(&p.lock);
    pthread_cond_destroy(&p.not_empty);
    pthread_cond_destroy(&p.not_full);
    for (size_t i = 0; i < p.known_count; i++)
        free(p.known[i]);
    free(p.known);
    jobs_free(&jobs);
    return rc == 0 ? 0 : REVIEW_IMPORT_ERR_STORE;
}
