# common.sh - what every build script shares: log, die and the git
# identity used for commits in the kernel trees; source it (bash).
#
# Set log_tag before sourcing to prefix messages (default: the script name).

log_tag=${log_tag:-${0##*/}}

# log MSG - progress on stderr, "[tag] MSG"
log()
{
	printf '[%s] %s\n' "$log_tag" "$*" >&2
}

# die MSG - one line on stderr, "tag: MSG", and exit 1
die()
{
	printf '%s: %s\n' "$log_tag" "$*" >&2
	exit 1
}

# git_id - for git in the kernel trees: a fixed identity, no gc, no advice
git_id=(-c user.name=swapowner-build -c user.email=swapowner@localhost
	-c advice.detachedHead=false -c gc.auto=0)
