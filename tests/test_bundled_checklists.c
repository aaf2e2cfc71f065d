/* test_bundled_checklists.c: checks the checklists shipped in checklists/.
 *
 * They must load and lint clean, every item must cite its source and carry
 * both languages, item ids must be unique across the whole set, every profile
 * must be non-empty, `monthly` must be a strict subset of `halfyear`, and each
 * answer type must be used at least once. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "error.h"

static checklist_set *bundled;

static bool empty(const char *s)
{
    return s == NULL || s[0] == '\0';
}

static int load_bundled(void **state)
{
    (void)state;
    const char *paths[] = {SOURCE_DIR "/checklists"};
    diag_list diags;
    diag_list_init(&diags);
    int rc = checklist_set_load(paths, 1, &bundled, &diags);
    for (size_t i = 0; i < diags.count; i++) {
        char *line = diag_format(&diags.items[i]);
        print_error("%s\n", line ? line : "(out of memory)");
        free(line);
    }
    size_t count = diags.count;
    diag_list_clear(&diags);
    if (rc != 0 || count != 0) {
        print_error("the bundled checklists did not load cleanly (%zu diagnostics)\n", count);
        if (bundled != NULL) {
            checklist_set_free(bundled);
            bundled = NULL;
        }
        return -1;
    }
    return 0;
}

static int free_bundled(void **state)
{
    (void)state;
    checklist_set_free(bundled);
    bundled = NULL;
    return 0;
}

static void test_loads_clean(void **state)
{
    (void)state;
    assert_non_null(bundled);
    assert_true(bundled->count >= 5);
    for (size_t l = 0; l < bundled->count; l++) {
        const checklist *list = &bundled->lists[l];
        assert_false(empty(list->id));
        assert_false(empty(list->title_zh));
        assert_false(empty(list->title_en));
        assert_true(list->item_count > 0);
    }
}

static void test_every_item_cited_and_bilingual(void **state)
{
    (void)state;
    for (size_t l = 0; l < bundled->count; l++) {
        const checklist *list = &bundled->lists[l];
        for (size_t i = 0; i < list->item_count; i++) {
            const item *it = &list->items[i];
            if (empty(it->source) || empty(it->question_zh) || empty(it->question_en) ||
                empty(it->guidance_zh) != empty(it->guidance_en))
                print_error("%s: item %s lacks a source, a question or one guidance language\n",
                            list->path, it->id);
            assert_false(empty(it->id));
            assert_false(empty(it->source));
            assert_false(empty(it->question_zh));
            assert_false(empty(it->question_en));
            assert_int_equal(empty(it->guidance_zh), empty(it->guidance_en));
            assert_true(it->profiles != 0);
            /* text items and steering questions (yesno/choice of weight 0)
             * are not scored; every other item weighs something */
            if (it->type == ANSWER_TEXT)
                assert_true(it->weight == 0);
            else if (it->type != ANSWER_YESNO && it->type != ANSWER_CHOICE)
                assert_true(it->weight > 0);
            else
                assert_true(it->weight >= 0);
        }
    }
}

static void test_item_ids_unique_across_set(void **state)
{
    (void)state;
    for (size_t l = 0; l < bundled->count; l++)
        for (size_t i = 0; i < bundled->lists[l].item_count; i++) {
            const char *id = bundled->lists[l].items[i].id;
            size_t seen = 0;
            for (size_t m = 0; m < bundled->count; m++)
                for (size_t j = 0; j < bundled->lists[m].item_count; j++)
                    if (strcmp(bundled->lists[m].items[j].id, id) == 0)
                        seen++;
            if (seen != 1)
                print_error("item id %s is used %zu times\n", id, seen);
            assert_int_equal(seen, 1);
        }
}

static size_t count_in_profile(unsigned profile_bit)
{
    size_t n = 0;
    for (size_t l = 0; l < bundled->count; l++)
        for (size_t i = 0; i < bundled->lists[l].item_count; i++)
            if (bundled->lists[l].items[i].profiles & profile_bit)
                n++;
    return n;
}

static void test_every_profile_non_empty(void **state)
{
    (void)state;
    assert_true(count_in_profile(PROFILE_MONTHLY) > 0);
    assert_true(count_in_profile(PROFILE_HALFYEAR) > 0);
    assert_true(count_in_profile(PROFILE_CHANGE) > 0);
}

static void test_monthly_strict_subset_of_halfyear(void **state)
{
    (void)state;
    for (size_t l = 0; l < bundled->count; l++)
        for (size_t i = 0; i < bundled->lists[l].item_count; i++) {
            const item *it = &bundled->lists[l].items[i];
            if ((it->profiles & PROFILE_MONTHLY) && !(it->profiles & PROFILE_HALFYEAR))
                print_error("monthly item %s is not in halfyear\n", it->id);
            if (it->profiles & PROFILE_MONTHLY)
                assert_true(it->profiles & PROFILE_HALFYEAR);
        }
    assert_true(count_in_profile(PROFILE_HALFYEAR) > count_in_profile(PROFILE_MONTHLY));
}

static void test_every_answer_type_used(void **state)
{
    (void)state;
    size_t used[ANSWER_TEXT + 1] = {0};
    for (size_t l = 0; l < bundled->count; l++)
        for (size_t i = 0; i < bundled->lists[l].item_count; i++)
            used[bundled->lists[l].items[i].type]++;
    assert_true(used[ANSWER_YESNO] > 0);
    assert_true(used[ANSWER_CHOICE] > 0);
    assert_true(used[ANSWER_NUMBER] > 0);
    assert_true(used[ANSWER_DATE] > 0);
    assert_true(used[ANSWER_TEXT] > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_loads_clean),
        cmocka_unit_test(test_every_item_cited_and_bilingual),
        cmocka_unit_test(test_item_ids_unique_across_set),
        cmocka_unit_test(test_every_profile_non_empty),
        cmocka_unit_test(test_monthly_strict_subset_of_halfyear),
        cmocka_unit_test(test_every_answer_type_used),
    };
    return cmocka_run_group_tests(tests, load_bundled, free_bundled);
}
