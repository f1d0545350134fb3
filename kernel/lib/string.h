/* SPDX-License-Identifier: MIT */
/* Freestanding memory and string routines for the kernel. */
#pragma once
#include "lib/types.h"

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
/* Returns a pointer to the first occurrence of needle in hay, or NULL. */
const char *strstr_k(const char *hay, const char *needle);
