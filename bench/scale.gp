# scale.gp - plot of benchmark 5: observer CPU time of a 1 Hz pagemap
# scan (flat in the swap rate, growing with mapped memory) and of the
# stream (growing with the swap rate), per mapped size; where a scan line
# and the stream line cross is the break-even swap rate
#
#   gnuplot -e "data='scale.dat'; out='scale.svg'; title='...'" scale.gp
#
# data: "mapped_mib swapouts_per_s scan_cpu_s stream_cpu_s" per line
# (bench/summarise.py --scale-plot; the stream's steady state, its start-up
# and last drain left out)
set terminal svg size 800,480 dynamic font "sans,12"
set output out
set title title noenhanced
set xlabel "swap-outs per second"
set ylabel "observer CPU seconds per 10 s (icount)"
set logscale xy
set key top left noenhanced
set grid
at(m) = sprintf("< awk '$1 == %d' %s", m, data)
plot at(256) using 2:3 with linespoints pt 5 lc rgb "#d95f02" title "scan, 256 MiB mapped", \
     at(1024) using 2:3 with linespoints pt 7 lc rgb "#7570b3" title "scan, 1 GiB mapped", \
     at(4096) using 2:3 with linespoints pt 9 lc rgb "#e7298a" title "scan, 4 GiB mapped", \
     at(256) using 2:4 with linespoints pt 4 dt 2 lc rgb "#1b9e77" title "stream, steady state (swapowner record), 256 MiB", \
     at(1024) using 2:4 with linespoints pt 6 dt 2 lc rgb "#1b9e77" title "stream, 1 GiB", \
     at(4096) using 2:4 with linespoints pt 8 dt 2 lc rgb "#1b9e77" title "stream, 4 GiB"
