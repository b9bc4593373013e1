/*
 * report.h - swapowner report: summarise trace.dat files
 */
#ifndef SWAPOWNER_REPORT_H
#define SWAPOWNER_REPORT_H

#include <stdbool.h>

#include "model.h"

int so_report_file(struct so_model *m, const char *path, bool keep_going);
int cmd_report(int argc, char **argv);

#endif /* SWAPOWNER_REPORT_H */
