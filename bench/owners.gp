# owners.gp - plot of benchmark 3: instructions the event adds per folio
# against the number of processes mapping it, one series per base and kind
# of folio, log-log (1 to 4096 sharers)
#
#   gnuplot -e "data='owners.dat'; out='owners.svg'; title='...'" owners.gp
#
# data: "base bench sharers added" per line (bench/summarise.py --plot)
set terminal svg size 800,480 dynamic font "sans,12"
set output out
set title title noenhanced
set xlabel "processes mapping the folio"
set ylabel "instructions added per folio (event on - off, icount)"
set logscale xy
set key top left noenhanced
set grid
series(b, k) = sprintf("< awk '$1 == \"%s\" && $2 == \"%s\" && $4 > 0' %s", b, k, data)
plot series("7.3", "owners") using 3:4 with linespoints pt 7 lc rgb "#1b9e77" title "7.3 v2, COW anon", \
     series("7.3", "owners-shmem") using 3:4 with linespoints pt 5 lc rgb "#d95f02" title "7.3 v2, shmem", \
     series("7.3", "owners-thp") using 3:4 with points pt 9 ps 1.5 lc rgb "#7570b3" title "7.3 v2, THP", \
     series("7.3", "owners-ksm") using 3:4 with points pt 11 ps 1.5 lc rgb "#e7298a" title "7.3 v2, KSM", \
     series("6.12", "owners") using 3:4 with linespoints pt 6 dt 2 lc rgb "#1b9e77" title "6.12 backport, COW anon", \
     series("6.12", "owners-shmem") using 3:4 with linespoints pt 4 dt 2 lc rgb "#d95f02" title "6.12 backport, shmem", \
     series("6.12", "owners-thp") using 3:4 with points pt 8 ps 1.5 lc rgb "#7570b3" title "6.12 backport, THP", \
     series("6.12", "owners-ksm") using 3:4 with points pt 10 ps 1.5 lc rgb "#e7298a" title "6.12 backport, KSM"
