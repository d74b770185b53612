# bash completion for perennial: its commands, their options, and the
# organizers, participants, themes and kinds of the notes repository, all
# as `perennial __complete` answers (see the README).
#
# Installed as share/bash-completion/completions/perennial; without
# installing: source contrib/completions/perennial.bash

_perennial()
{
	local words=() out i
	# Bash cuts `--organizer=li` at the '=' (COMP_WORDBREAKS): perennial reads it whole.
	for ((i = 1; i <= COMP_CWORD; i++)); do
		if ((${#words[@]})) && [[ ${COMP_WORDS[i]} == = || ${COMP_WORDS[i - 1]} == = ]]; then
			words[-1]+=${COMP_WORDS[i]}
		else
			words+=("${COMP_WORDS[i]}")
		fi
	done
	COMPREPLY=()
	if ! out=$(perennial __complete "${words[@]}" 2>/dev/null); then
		# A file or folder is wanted here: bash's own completion of paths.
		compopt -o default 2>/dev/null
		return 0
	fi
	[[ -n $out ]] && mapfile -t COMPREPLY <<<"$out"
	# What bash puts in place is only what follows the '='.
	if [[ ${COMP_WORDS[COMP_CWORD]} == = || ${COMP_WORDS[COMP_CWORD - 1]} == = ]]; then
		COMPREPLY=("${COMPREPLY[@]#*=}")
	fi
	return 0
}

complete -F _perennial perennial
