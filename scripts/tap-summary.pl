#!/usr/bin/perl
# tap-summary.pl - sum TAP files with TAP::Parser (perl's own, what prove
# uses) and print "N passed, N failed" (", N skipped" when any)
#
# A file whose TAP does not hold up counts as one more failure: no plan,
# a plan that was not met (planned 10, died after 6), tests out of
# sequence. Exits 1 if anything failed or nothing passed, 2 on bad usage.
use strict;
use warnings;
use TAP::Parser;

if (!@ARGV || $ARGV[0] eq '-h') {
	print STDERR "usage: tap-summary.pl FILE.tap...\n";
	exit 2;
}

my ($passed, $failed, $skipped) = (0, 0, 0);

for my $file (@ARGV) {
	open(my $fh, '<', $file) or die "tap-summary: $file: $!\n";
	my $tap = do { local $/; <$fh> };
	close($fh);

	my $parser = TAP::Parser->new({ tap => $tap });
	while (my $result = $parser->next) {
		next unless $result->is_test;
		if ($result->has_skip) {
			$skipped++;
		} elsif ($result->is_ok) {
			$passed++;
		} else {
			$failed++;
			print "$file: ", $result->as_string, "\n";
		}
	}
	if ($parser->skip_all) {
		$skipped++;
		next;
	}
	my @errors = $parser->parse_errors;
	if (@errors) {
		$failed++;
		print "$file: $_\n" for @errors;
	}
}

my $line = "$passed passed, $failed failed";
$line .= ", $skipped skipped" if $skipped;
print "$line\n";
exit(($failed || !$passed) ? 1 : 0);
