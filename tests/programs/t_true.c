// SPDX-License-Identifier: MIT
/* t_true: does nothing and exits 0; t_leak spawns it many times. */
int main(void)
{
	return 0;
}
