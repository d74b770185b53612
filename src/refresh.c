#include "refresh.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "config.h"
#include "diag.h"
#include "error.h"
#include "index.h"
#include "note.h"
#include "progress.h"
#include "repo.h"
#include "source.h"
#include "strlist.h"
#include "validate.h"
#include "worktree.h"
#include "xalloc.h"

/*
 * A file changed in the same second as it was indexed could change again
 * without its time moving ("racily clean", as git calls it): such files
 * get no stat, so the next run reads them again.
 */
#define RACY_SECONDS 2

/* Fills out; *racy says whether the file may change without its stat showing it. */
static int S_stat(int root_fd, const char *path, struct index_stat *out, int *racy)
{
	struct stat st;
	if (fstatat(root_fd, path, &st, 0) < 0)
		return -1;
	out->size = (int64_t)st.st_size;
	out->mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
	out->inode = (int64_t)st.st_ino;
	*racy = time(NULL) - st.st_mtim.tv_sec < RACY_SECONDS;
	return 0;
}

/* Reads, hashes and (when new) parses one note; 1 when it is not a note. */
static int S_index_file(struct index *ix, const struct config *config, const char *root,
			const char *path, const struct index_stat *st, struct refresh_stats *stats)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct source *src;
	char blob[REPO_BLOB_ID_SIZE];
	int r = worktree_read(&src, root, path, &diags);

	diag_list_release(&diags);
	if (r != 0)
		return r;
	stats->read++;
	repo_hash_blob(src->bytes, src->len, blob);
	int known = index_has_blob(ix, blob);
	if (known < 0) {
		source_free(src);
		return -1;
	}
	if (!known) {
		struct note *note = note_parse(src, NOTE_ALL, &diags);
		validate_note(note, config, &diags);
		const struct field_def *consent = config_field(config, "consent");
		r = index_put_note(ix, blob, note, diag_list_count(&diags, DIAG_ERROR),
				   consent && consent->default_value ? consent->default_value : "internal");
		diag_list_release(&diags);
		note_free(note);
		stats->parsed++;
	} else {
		source_free(src);
	}
	return r < 0 ? -1 : index_set_file(ix, path, blob, st);
}

int refresh_worktree(struct index *ix, const struct config *config, const char *root,
		     struct progress *progress, struct refresh_stats *stats)
{
	struct strlist paths = STRLIST_INIT, kept = STRLIST_INIT;
	struct diag_list listing = DIAG_LIST_INIT;
	struct index_stat *stats_of = NULL;
	char *changed = NULL;
	int ret = -1, root_fd = -1;

	memset(stats, 0, sizeof(*stats));
	if (worktree_list(&paths, root, config->notes_dir, &listing) < 0 ||
	    index_use_config(ix, config->digest) < 0 || index_begin(ix) < 0)
		goto done;
	stats->notes = paths.len;
	/* First every lookup, then every change: see index_file_blob. */
	stats_of = xcalloc(paths.len + 1, sizeof(*stats_of));
	changed = xcalloc(paths.len + 1, 1);
	/* Paths relative to the root, opened once: no walk down its folders per note. */
	root_fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (root_fd < 0) {
		error("cannot open %s: %s", root, strerror(errno));
		goto rollback;
	}
	for (size_t i = 0; i < paths.len; i++) {
		char blob[REPO_BLOB_ID_SIZE];
		int racy;
		if (S_stat(root_fd, paths.items[i], &stats_of[i], &racy) < 0)
			continue; /* gone since the listing */
		int unchanged = index_file_blob(ix, paths.items[i], &stats_of[i], blob);
		if (unchanged < 0)
			goto rollback;
		if (unchanged) {
			stats->unchanged++;
			strlist_add(&kept, paths.items[i]);
			continue;
		}
		/* A racy file is stored with a size no file has: it is read again next time. */
		if (racy)
			stats_of[i].size = -1;
		changed[i] = 1;
	}
	for (size_t i = 0; i < paths.len; i++) {
		progress_update(progress, i, paths.len);
		if (!changed[i])
			continue;
		int r = S_index_file(ix, config, root, paths.items[i], &stats_of[i], stats);
		if (r < 0)
			goto rollback;
		/* A file refused as a note (too large, binary) is not listed with old content. */
		if (r == 0)
			strlist_add(&kept, paths.items[i]);
	}
	strlist_sort_unique(&kept);
	int removed = index_keep_files(ix, kept.items, kept.len);
	if (removed < 0)
		goto rollback;
	stats->removed = (size_t)removed;
	ret = index_commit(ix);
	goto done;
rollback:
	index_rollback(ix);
done:
	if (root_fd >= 0)
		close(root_fd);
	free(stats_of);
	free(changed);
	diag_list_release(&listing);
	strlist_release(&paths);
	strlist_release(&kept);
	return ret;
}
