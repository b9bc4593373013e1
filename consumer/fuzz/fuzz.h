/*
 * fuzz.h - helpers shared by the fuzz targets and their replay runner
 */
#ifndef SWAPOWNER_FUZZ_H
#define SWAPOWNER_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
char *fuzz_read_format(const char *name, size_t *len);

#endif /* SWAPOWNER_FUZZ_H */
