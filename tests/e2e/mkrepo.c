/*
 * mkrepo DIR: makes DIR a git repository on branch main with everything in
 * it committed as "fixture", as `git init -b main && git add -A && git
 * commit --allow-empty -m fixture` would, in one process instead of three:
 * the end-to-end runner makes a repository for every case. Author and
 * committer come from GIT_AUTHOR_NAME, GIT_AUTHOR_EMAIL and GIT_AUTHOR_DATE
 * (and the GIT_COMMITTER_ ones), the date in seconds since the epoch or as
 * YYYY-MM-DDTHH:MM:SSZ, so the commit is byte for byte the one git makes.
 */
#define _GNU_SOURCE
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int S_fail(const char *what)
{
	const git_error *e = git_error_last();
	fprintf(stderr, "mkrepo: %s: %s\n", what, e && e->message ? e->message : "failed");
	return 1;
}

static int S_signature(git_signature **out, const char *who)
{
	char name[64], email[64], date[64];
	snprintf(name, sizeof(name), "GIT_%s_NAME", who);
	snprintf(email, sizeof(email), "GIT_%s_EMAIL", who);
	snprintf(date, sizeof(date), "GIT_%s_DATE", who);
	const char *n = getenv(name), *e = getenv(email), *d = getenv(date);
	if (!n || !e || !d) {
		fprintf(stderr, "mkrepo: set %s, %s and %s\n", name, email, date);
		return -1;
	}
	struct tm tm = { 0 };
	char *end = strptime(d, "%Y-%m-%dT%H:%M:%SZ", &tm);
	git_time_t when = end && !*end ? (git_time_t)timegm(&tm) : (git_time_t)strtoll(d, NULL, 10);
	return git_signature_new(out, n, e, when, 0);
}

int main(int argc, char **argv)
{
	git_repository *repo = NULL;
	git_index *index = NULL;
	git_signature *author = NULL, *committer = NULL;
	git_oid tree_id, commit_id;
	git_tree *tree = NULL;
	git_repository_init_options options;
	int status = 1;

	if (argc != 2) {
		fputs("usage: mkrepo DIR\n", stderr);
		return 2;
	}
	git_libgit2_init();
	git_repository_init_options_init(&options, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	options.flags = GIT_REPOSITORY_INIT_MKPATH;
	options.initial_head = "main";
	if (git_repository_init_ext(&repo, argv[1], &options) < 0) {
		status = S_fail("init");
		goto done;
	}
	if (git_repository_index(&index, repo) < 0 ||
	    git_index_add_all(index, NULL, 0, NULL, NULL) < 0 || git_index_write(index) < 0 ||
	    git_index_write_tree(&tree_id, index) < 0 ||
	    git_tree_lookup(&tree, repo, &tree_id) < 0) {
		status = S_fail("add");
		goto done;
	}
	if (S_signature(&author, "AUTHOR") < 0 || S_signature(&committer, "COMMITTER") < 0)
		goto done;
	if (git_commit_create(&commit_id, repo, "HEAD", author, committer, NULL, "fixture\n",
			      tree, 0, NULL) < 0) {
		status = S_fail("commit");
		goto done;
	}
	status = 0;
done:
	git_tree_free(tree);
	git_signature_free(author);
	git_signature_free(committer);
	git_index_free(index);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return status;
}
