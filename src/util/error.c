#include "error.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "xalloc.h"

static pthread_mutex_t S_lock = PTHREAD_MUTEX_INITIALIZER;
static struct error_message *S_messages;
static size_t S_len, S_cap;

static int S_push(const char *file, unsigned line, unsigned column, const char *fmt, va_list ap)
{
	struct strbuf text = STRBUF_INIT;
	strbuf_vaddf(&text, fmt, ap);
	pthread_mutex_lock(&S_lock);
	if (S_len == S_cap) {
		S_cap = S_cap ? 2 * S_cap : 4;
		S_messages = xrealloc(S_messages, S_cap * sizeof(*S_messages));
	}
	S_messages[S_len++] = (struct error_message){
		file ? xstrdup(file) : NULL, line, column, strbuf_detach(&text)
	};
	pthread_mutex_unlock(&S_lock);
	return -1;
}

const char *error_write_reason(int errnum)
{
	switch (errnum) {
	case ENOSPC: case EDQUOT: return "the disk is full";
	case EROFS: return "the disk is read-only";
	case EACCES: case EPERM: return "no permission to write there";
	default: return strerror(errnum);
	}
}

int error_set(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	S_push(NULL, 0, 0, fmt, ap);
	va_end(ap);
	return -1;
}

int error_set_at(const char *file, unsigned line, unsigned column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	S_push(file, line, column, fmt, ap);
	va_end(ap);
	return -1;
}

void error_take(struct error_message **out, size_t *len)
{
	pthread_mutex_lock(&S_lock);
	*out = S_messages;
	*len = S_len;
	S_messages = NULL;
	S_len = S_cap = 0;
	pthread_mutex_unlock(&S_lock);
}

void error_messages_free(struct error_message *messages, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		free(messages[i].file);
		free(messages[i].text);
	}
	free(messages);
}

size_t error_mark(void)
{
	pthread_mutex_lock(&S_lock);
	size_t mark = S_len;
	pthread_mutex_unlock(&S_lock);
	return mark;
}

void error_forget_since(size_t mark)
{
	pthread_mutex_lock(&S_lock);
	while (S_len > mark) {
		S_len--;
		free(S_messages[S_len].file);
		free(S_messages[S_len].text);
	}
	pthread_mutex_unlock(&S_lock);
}

void error_format(struct strbuf *out, const struct error_message *m)
{
	if (m->file)
		strbuf_addf(out, "%s:%u:%u: error: %s\n", m->file, m->line, m->column, m->text);
	else
		strbuf_addf(out, "perennial: error: %s\n", m->text);
}
