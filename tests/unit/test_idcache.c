#include "unit.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "idcache.h"
#include "strbuf.h"

/*
 * Each test gets a fresh folder under /tmp standing for the git folder:
 * the cache lives in base/perennial/ids.
 */
struct fixture {
	char *base;
	char *file;    /* base/perennial/ids */
};

static int S_setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx || !(fx->base = unit_tempdir("idcache")))
		return -1;
	fx->file = unit_path(fx->base, "perennial/ids");
	*state = fx;
	return 0;
}

static int S_teardown(void **state)
{
	struct fixture *fx = *state;
	unit_remove_tree(fx->base);
	free(fx->base);
	free(fx->file);
	free(fx);
	return 0;
}

#define BLOB_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define BLOB_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define BLOB_C "cccccccccccccccccccccccccccccccccccccccc"
#define BLOB_D "0123456789abcdef0123456789abcdef01234567"

/* The entry of blob is there and is exactly `want`. */
#define assert_entry(cache, blob, want) \
	S_assert_entry((cache), (blob), (want), __FILE__, __LINE__)

static void S_assert_entry(struct idcache *cache, const char *blob,
			   const struct idcache_entry *want, const char *at_file, int at)
{
	const struct idcache_entry *got = idcache_get(cache, blob);
	_assert_true(got != NULL, blob, at_file, at);
	_assert_int_equal(got->has_front, want->has_front, at_file, at);
	if (want->id) {
		_assert_true(got->id != NULL, "an id", at_file, at);
		_assert_string_equal(got->id, want->id, at_file, at);
	} else {
		_assert_true(got->id == NULL, "no id", at_file, at);
	}
	_assert_int_equal(got->line, want->line, at_file, at);
	_assert_int_equal(got->column, want->column, at_file, at);
	_assert_int_equal(got->span, want->span, at_file, at);
}

/* The cache file's lines, less the first (the version), as one string. */
static char *S_lines(const struct fixture *fx)
{
	return unit_output(fx->base, "tail -n +2 perennial/ids");
}

static void S_stat(const char *path, struct stat *st)
{
	assert_int_equal(stat(path, st), 0);
}

/* --- load, get, put --- */

static void test_load_without_a_file_is_empty(void **state)
{
	struct fixture *fx = *state;
	struct idcache *cache = idcache_load(fx->base);

	assert_non_null(cache);
	assert_null(idcache_get(cache, BLOB_A));
	/* Nothing asked, nothing put: nothing to write, and no file appears. */
	assert_int_equal(idcache_save(cache), 0);
	assert_int_equal(access(fx->file, F_OK), -1);
	idcache_free(cache);
	idcache_free(NULL);

	/* The folder given need not exist either. */
	char *missing = unit_path(fx->base, "no/such/folder");
	cache = idcache_load(missing);
	assert_non_null(cache);
	assert_null(idcache_get(cache, BLOB_A));
	idcache_free(cache);
	free(missing);
}

static void test_put_then_get_copies_the_id(void **state)
{
	struct fixture *fx = *state;
	struct idcache *cache = idcache_load(fx->base);
	char id[] = "maria-g-2020";
	struct idcache_entry e = { 1, id, 4, 5, 12 };

	idcache_put(cache, BLOB_A, &e);
	memcpy(id, "XXXXXXXXXXXX", 12);   /* the caller's buffer is the caller's */
	const struct idcache_entry *got = idcache_get(cache, BLOB_A);
	assert_non_null(got);
	assert_ptr_not_equal(got->id, id);
	assert_entry(cache, BLOB_A, (&(struct idcache_entry){ 1, "maria-g-2020", 4, 5, 12 }));
	assert_null(idcache_get(cache, BLOB_B));
	idcache_free(cache);
}

static void test_put_again_replaces(void **state)
{
	struct fixture *fx = *state;
	struct idcache *cache = idcache_load(fx->base);

	idcache_put(cache, BLOB_A, &(struct idcache_entry){ 1, "first", 4, 5, 5 });
	idcache_put(cache, BLOB_A, &(struct idcache_entry){ 1, NULL, 1, 1, 10 });
	assert_entry(cache, BLOB_A, (&(struct idcache_entry){ 1, NULL, 1, 1, 10 }));
	assert_int_equal(idcache_save(cache), 0);
	idcache_free(cache);

	/* And over an entry loaded from the file. */
	cache = idcache_load(fx->base);
	idcache_put(cache, BLOB_A, &(struct idcache_entry){ 1, "second", 7, 8, 6 });
	assert_entry(cache, BLOB_A, (&(struct idcache_entry){ 1, "second", 7, 8, 6 }));
	assert_int_equal(idcache_save(cache), 0);
	idcache_free(cache);
	cache = idcache_load(fx->base);
	assert_entry(cache, BLOB_A, (&(struct idcache_entry){ 1, "second", 7, 8, 6 }));
	idcache_free(cache);
	char *lines = S_lines(fx);
	assert_int_equal(strlen(lines) > 0 && !strchr(lines, '\n'), 1);   /* one line, not two */
	free(lines);
}

/* --- save and load --- */

static void test_save_and_load_round_trip(void **state)
{
	struct fixture *fx = *state;
	static const struct idcache_entry entries[] = {
		{ 1, NULL, 1, 1, 24 },                      /* the id is the file name */
		{ 0, NULL, 0, 0, 0 },                       /* no front matter */
		{ 1, "maria g  2020 ", 3, 5, 14 },          /* blanks inside and at the end */
		{ 1, "rencontre-été-2020 ✓", 9, 12, 20 },   /* UTF-8 past the first byte */
	};
	static const char *const blobs[] = { BLOB_A, BLOB_B, BLOB_C, BLOB_D };

	struct idcache *cache = idcache_load(fx->base);
	for (size_t i = 0; i < 4; i++)
		idcache_put(cache, blobs[i], &entries[i]);
	assert_int_equal(idcache_save(cache), 0);
	idcache_free(cache);
	assert_int_equal(access(fx->file, F_OK), 0);

	cache = idcache_load(fx->base);
	for (size_t i = 0; i < 4; i++)
		assert_entry(cache, blobs[i], &entries[i]);
	assert_null(idcache_get(cache, "dddddddddddddddddddddddddddddddddddddddd"));
	idcache_free(cache);
}

/*
 * An id may begin with any letter, not only an ASCII one: `élan-2020`
 * reads back as it is (only blanks and line breaks cannot be stored).
 */
static void test_round_trip_id_beginning_with_a_non_ascii_letter(void **state)
{
	struct fixture *fx = *state;
	struct idcache *cache = idcache_load(fx->base);

	idcache_put(cache, BLOB_A, &(struct idcache_entry){ 1, "élan-2020", 2, 5, 9 });
	idcache_put(cache, BLOB_B, &(struct idcache_entry){ 1, "Ωmega", 2, 5, 5 });
	assert_int_equal(idcache_save(cache), 0);
	idcache_free(cache);

	cache = idcache_load(fx->base);
	assert_entry(cache, BLOB_A, (&(struct idcache_entry){ 1, "élan-2020", 2, 5, 9 }));
	assert_entry(cache, BLOB_B, (&(struct idcache_entry){ 1, "Ωmega", 2, 5, 5 }));
	idcache_free(cache);
}

/* The entries of blobs no longer in use (neither asked for nor put) are dropped. */
static void test_save_drops_entries_not_used_in_the_run(void **state)
{
	struct fixture *fx = *state;
	struct idcache *cache = idcache_load(fx->base);

	idcache_put(cache, BLOB_A, &(struct idcache_entry){ 1, "a", 2, 5, 1 });
	idcache_put(cache, BLOB_B, &(struct idcache_entry){ 1, "b", 2, 5, 1 });
	idcache_put(cache, BLOB_C, &(struct idcache_entry){ 1, "c", 2, 5, 1 });
	assert_int_equal(idcache_save(cache), 0);
	idcache_free(cache);

	/* The next run uses A and puts D: B and C are gone. */
	cache = idcache_load(fx->base);
	assert_non_null(idcache_get(cache, BLOB_A));
	idcache_put(cache, BLOB_D, &(struct idcache_entry){ 1, "d", 2, 5, 1 });
	assert_int_equal(idcache_save(cache), 0);
	idcache_free(cache);

	cache = idcache_load(fx->base);
	assert_entry(cache, BLOB_A, (&(struct idcache_entry){ 1, "a", 2, 5, 1 }));
	assert_entry(cache, BLOB_D, (&(struct idcache_entry){ 1, "d", 2, 5, 1 }));
	assert_null(idcache_get(cache, BLOB_B));
	assert_null(idcache_get(cache, BLOB_C));
	idcache_free(cache);

	/* A run that asks for nothing it knows leaves nothing behind. */
	cache = idcache_load(fx->base);
	assert_null(idcache_get(cache, BLOB_B));
	assert_int_equal(idcache_save(cache), 0);
	idcache_free(cache);
	cache = idcache_load(fx->base);
	assert_null(idcache_get(cache, BLOB_A));
	assert_null(idcache_get(cache, BLOB_D));
	idcache_free(cache);
}

/* A run that only reads what it knows leaves the file as it is: same inode, same time. */
static void test_save_without_changes_does_not_rewrite(void **state)
{
	struct fixture *fx = *state;
	struct stat before, after;

	struct idcache *cache = idcache_load(fx->base);
	idcache_put(cache, BLOB_A, &(struct idcache_entry){ 1, "a", 2, 5, 1 });
	idcache_put(cache, BLOB_B, &(struct idcache_entry){ 0, NULL, 0, 0, 0 });
	assert_int_equal(idcache_save(cache), 0);
	idcache_free(cache);
	/* An old time, so that a rewrite within the same clock tick still shows. */
	unit_run(fx->base, "touch -d 2001-01-01T00:00:00 perennial/ids");
	S_stat(fx->file, &before);

	cache = idcache_load(fx->base);
	assert_non_null(idcache_get(cache, BLOB_B));
	assert_non_null(idcache_get(cache, BLOB_A));
	assert_non_null(idcache_get(cache, BLOB_A));
	assert_int_equal(idcache_save(cache), 0);
	idcache_free(cache);
	S_stat(fx->file, &after);
	assert_int_equal(after.st_ino, before.st_ino);
	assert_int_equal(after.st_mtime, before.st_mtime);
	assert_int_equal(after.st_size, before.st_size);

	/* Putting back what it holds changes nothing either. */
	cache = idcache_load(fx->base);
	idcache_put(cache, BLOB_A, &(struct idcache_entry){ 1, "a", 2, 5, 1 });
	idcache_put(cache, BLOB_B, &(struct idcache_entry){ 0, NULL, 0, 0, 0 });
	assert_int_equal(idcache_save(cache), 0);
	idcache_free(cache);
	S_stat(fx->file, &after);
	assert_int_equal(after.st_ino, before.st_ino);
	assert_int_equal(after.st_mtime, before.st_mtime);

	/* But a changed entry is written. */
	cache = idcache_load(fx->base);
	assert_non_null(idcache_get(cache, BLOB_B));
	idcache_put(cache, BLOB_A, &(struct idcache_entry){ 1, "a", 3, 5, 1 });
	assert_int_equal(idcache_save(cache), 0);
	idcache_free(cache);
	S_stat(fx->file, &after);
	assert_true(after.st_mtime != before.st_mtime);
	cache = idcache_load(fx->base);
	assert_entry(cache, BLOB_A, (&(struct idcache_entry){ 1, "a", 3, 5, 1 }));
	idcache_free(cache);

	/* And nothing is left beside it. */
	char *listing = unit_output(fx->base, "ls -A perennial");
	assert_string_equal(listing, "ids");
	free(listing);
}

/* --- damaged files --- */

static void S_assert_afresh(const struct fixture *fx, const char *at_file, int at)
{
	struct idcache *cache = idcache_load(fx->base);
	_assert_true(cache != NULL, "a cache", at_file, at);
	_assert_true(idcache_get(cache, BLOB_A) == NULL, "nothing loaded", at_file, at);
	_assert_true(idcache_get(cache, BLOB_B) == NULL, "nothing loaded", at_file, at);
	/* It still works, and its next save is a good file. */
	idcache_put(cache, BLOB_C, &(struct idcache_entry){ 1, "c", 2, 5, 1 });
	_assert_int_equal(idcache_save(cache), 0, at_file, at);
	idcache_free(cache);
	cache = idcache_load(fx->base);
	const struct idcache_entry *c = idcache_get(cache, BLOB_C);
	_assert_true(c && c->id && strcmp(c->id, "c") == 0, "the new entry", at_file, at);
	_assert_true(idcache_get(cache, BLOB_A) == NULL, "nothing loaded", at_file, at);
	idcache_free(cache);
}

#define assert_afresh(fx) S_assert_afresh((fx), __FILE__, __LINE__)

static void test_other_version_starts_afresh(void **state)
{
	struct fixture *fx = *state;
	struct strbuf sb = STRBUF_INIT;

	/* Lines the current version wrote, known good under its own first line. */
	struct idcache *cache = idcache_load(fx->base);
	idcache_put(cache, BLOB_A, &(struct idcache_entry){ 1, "a", 2, 5, 1 });
	idcache_put(cache, BLOB_B, &(struct idcache_entry){ 1, "b", 2, 5, 1 });
	assert_int_equal(idcache_save(cache), 0);
	idcache_free(cache);
	char *lines = S_lines(fx);
	assert_non_null(strstr(lines, BLOB_A));

	strbuf_addf(&sb, "perennial ids 999\n%s\n", lines);
	unit_write(fx->base, "perennial/ids", strbuf_str(&sb));
	assert_afresh(fx);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s\n", lines);     /* no first line at all */
	unit_write(fx->base, "perennial/ids", strbuf_str(&sb));
	assert_afresh(fx);
	unit_write(fx->base, "perennial/ids", "");
	assert_afresh(fx);
	strbuf_release(&sb);
	free(lines);
}

static void test_damaged_file_loads_nothing_wrong(void **state)
{
	struct fixture *fx = *state;
	static const char garbage[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe\n" BLOB_A "\0 1 2\n";

	unit_write_bytes(fx->base, "perennial/ids", garbage, sizeof(garbage) - 1);
	assert_afresh(fx);

	/* Under the right first line, lines cut short or not of the shape hold nothing. */
	char *first = NULL;
	struct idcache *cache = idcache_load(fx->base);
	idcache_put(cache, BLOB_D, &(struct idcache_entry){ 1, "d", 2, 5, 1 });
	assert_int_equal(idcache_save(cache), 0);
	idcache_free(cache);
	first = unit_output(fx->base, "head -n 1 perennial/ids");
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	fprintf(f, "%s\n", first);
	fputs(BLOB_A " 1 2 5\n", f);              /* cut short */
	fputs("aaaa 1 2 5 1 short-blob\n", f);    /* not a blob id */
	fputs(BLOB_B " x y z w b\n", f);          /* not numbers */
	fputs("\n\n", f);
	fprintf(f, "%s 1 2 5 1 %0*d\n", BLOB_C, 6000, 0);   /* longer than any id kept */
	fputs(BLOB_D " 1 2 5 1 cut-sh", f);       /* the last line, cut short */
	fclose(f);
	unit_write(fx->base, "perennial/ids", text);
	free(text);
	free(first);
	cache = idcache_load(fx->base);
	assert_null(idcache_get(cache, BLOB_A));
	assert_null(idcache_get(cache, BLOB_B));
	assert_null(idcache_get(cache, "aaaa"));
	assert_null(idcache_get(cache, BLOB_C));
	assert_null(idcache_get(cache, BLOB_D));
	idcache_free(cache);
	assert_afresh(fx);
}

/* --- what cannot be stored --- */

/*
 * An id that would not read back as it is (a line break, a leading blank,
 * nothing at all, or the "-" that stands for no id) is not written: the
 * next run reads that note again instead of believing a wrong id.
 */
static void test_ids_that_cannot_be_stored_are_not_written(void **state)
{
	struct fixture *fx = *state;
	static const char *const bad[] = {
		"two\nlines", "\nleading", "trailing\n", " leading blank", "\tleading tab", "", "-",
	};
	static const char *const blobs[] = {
		"1111111111111111111111111111111111111111", "2222222222222222222222222222222222222222",
		"3333333333333333333333333333333333333333", "4444444444444444444444444444444444444444",
		"5555555555555555555555555555555555555555", "6666666666666666666666666666666666666666",
		"7777777777777777777777777777777777777777",
	};

	struct idcache *cache = idcache_load(fx->base);
	idcache_put(cache, BLOB_A, &(struct idcache_entry){ 1, "kept", 2, 5, 4 });
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		idcache_put(cache, blobs[i], &(struct idcache_entry){ 1, (char *)bad[i], 2, 5, 3 });
	/* Within the run they are known as they are. */
	assert_entry(cache, blobs[0], (&(struct idcache_entry){ 1, "two\nlines", 2, 5, 3 }));
	assert_int_equal(idcache_save(cache), 0);
	idcache_free(cache);

	/* One line for the one entry: no line break of an id got in. */
	char *count = unit_output(fx->base, "tail -n +2 perennial/ids | wc -l");
	assert_string_equal(count, "1");
	free(count);
	cache = idcache_load(fx->base);
	assert_entry(cache, BLOB_A, (&(struct idcache_entry){ 1, "kept", 2, 5, 4 }));
	for (size_t i = 0; i < sizeof(blobs) / sizeof(*blobs); i++)
		assert_null(idcache_get(cache, blobs[i]));
	idcache_free(cache);
}

/* Long ids: up to 4095 bytes are kept; longer ones are not written, and harm nothing. */
static void test_long_ids(void **state)
{
	struct fixture *fx = *state;
	char *longest = malloc(4096), *too_long = malloc(8001);

	memset(longest, 'x', 4095);
	longest[4095] = '\0';
	memset(too_long, 'y', 8000);
	too_long[8000] = '\0';
	struct idcache *cache = idcache_load(fx->base);
	idcache_put(cache, BLOB_A, &(struct idcache_entry){ 1, longest, 2, 5, 4095 });
	idcache_put(cache, BLOB_B, &(struct idcache_entry){ 1, too_long, 2, 5, 8000 });
	idcache_put(cache, BLOB_C, &(struct idcache_entry){ 1, "c", 2, 5, 1 });
	assert_entry(cache, BLOB_B, (&(struct idcache_entry){ 1, too_long, 2, 5, 8000 }));
	assert_int_equal(idcache_save(cache), 0);
	idcache_free(cache);

	cache = idcache_load(fx->base);
	assert_entry(cache, BLOB_A, (&(struct idcache_entry){ 1, longest, 2, 5, 4095 }));
	assert_null(idcache_get(cache, BLOB_B));
	assert_entry(cache, BLOB_C, (&(struct idcache_entry){ 1, "c", 2, 5, 1 }));
	idcache_free(cache);
	free(longest);
	free(too_long);
}

/* Saving is optional: when it cannot be written, it says so by its result alone. */
static void test_save_that_cannot_write_fails_silently(void **state)
{
	struct fixture *fx = *state;
	struct unit_capture c;

	char *missing = unit_path(fx->base, "no/such/git-dir");
	struct idcache *cache = idcache_load(missing);
	idcache_put(cache, BLOB_A, &(struct idcache_entry){ 1, "a", 2, 5, 1 });
	unit_capture_start(&c);
	int rc = idcache_save(cache);
	char *printed = unit_capture_stop(&c);
	idcache_free(cache);
	assert_int_equal(rc, -1);
	assert_string_equal(printed, "");
	free(printed);
	free(missing);

	/* perennial/ is a file: nothing can go below it. */
	unit_write(fx->base, "perennial", "in the way");
	cache = idcache_load(fx->base);
	idcache_put(cache, BLOB_A, &(struct idcache_entry){ 1, "a", 2, 5, 1 });
	unit_capture_start(&c);
	rc = idcache_save(cache);
	printed = unit_capture_stop(&c);
	idcache_free(cache);
	assert_int_equal(rc, -1);
	assert_string_equal(printed, "");
	free(printed);
}

#define T(name) cmocka_unit_test_setup_teardown(name, S_setup, S_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_load_without_a_file_is_empty),
		T(test_put_then_get_copies_the_id),
		T(test_put_again_replaces),
		T(test_save_and_load_round_trip),
		T(test_round_trip_id_beginning_with_a_non_ascii_letter),
		T(test_save_drops_entries_not_used_in_the_run),
		T(test_save_without_changes_does_not_rewrite),
		T(test_other_version_starts_afresh),
		T(test_damaged_file_loads_nothing_wrong),
		T(test_ids_that_cannot_be_stored_are_not_written),
		T(test_long_ids),
		T(test_save_that_cannot_write_fails_silently),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
