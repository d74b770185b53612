# fish completion for perennial: its commands, their options, and the
# organizers, participants, themes and kinds of the notes repository, all
# as `perennial __complete` answers (see the README).
#
# Installed as share/fish/vendor_completions.d/perennial.fish; without
# installing: source contrib/completions/perennial.fish

function __perennial_complete
    # The words after `perennial` up to the cursor, the last as typed so far.
    set -l words (commandline -opc)[2..-1]
    set -l typed (commandline -ct)
    perennial __complete $words "$typed" 2>/dev/null
    # A file or folder is wanted here.
    or __fish_complete_path "$typed"
end

complete -c perennial -f -a '(__perennial_complete)'
