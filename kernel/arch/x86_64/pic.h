/* SPDX-License-Identifier: MIT */
/* Legacy 8259 PICs. */
#pragma once

/* Remaps both PICs to vectors 0x20-0x2F and masks every line. */
void pic_disable(void);
