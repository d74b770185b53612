#include "corpus.h"

#include <stdlib.h>

static void S_note_release(struct corpus_note *note)
{
	free(note->path);
	free(note->id);
	free(note->title);
	free(note->date);
	free(note->organizer);
	free(note->kind);
	free(note->consent);
	for (size_t i = 0; i < note->nparticipants; i++)
		free(note->participants[i]);
	free(note->participants);
	for (size_t i = 0; i < note->nmentions; i++) {
		free(note->mentions[i].theme);
		free(note->mentions[i].evidence);
	}
	free(note->mentions);
	for (size_t i = 0; i < note->nsteps; i++) {
		free(note->steps[i].owner);
		free(note->steps[i].text);
		free(note->steps[i].due);
	}
	free(note->steps);
}

void corpus_release(struct corpus *corpus)
{
	for (size_t i = 0; i < corpus->len; i++)
		S_note_release(&corpus->notes[i]);
	free(corpus->notes);
	*corpus = (struct corpus)CORPUS_INIT;
}
