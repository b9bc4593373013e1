# owners.gp - plot of benchmark 3: what the event adds per page against the
# number of owner processes, with the least-squares line
#
#   gnuplot -e "data='owners.dat'; out='owners.svg'; title='...'" owners.gp
#
# data: "owners off_ns on_ns added_ns" per line (bench/summarise.awk)
set terminal svg size 720,440 dynamic font "sans,12"
set output out
set title title noenhanced
set xlabel "owner processes sharing the folio (COW)"
set ylabel "ns per 4 KiB page"
set key top left
set grid
set fit quiet
set fit logfile '/dev/null'
f(x) = a + b * x
a = 1000
b = 1000
fit f(x) data using 1:4 via a, b
plot data using 1:4 with linespoints pt 7 title "added by the event (median on - off)", \
     f(x) title sprintf("least squares: %.0f ns + %.0f ns per owner", a, b)
