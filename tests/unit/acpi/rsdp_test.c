// SPDX-License-Identifier: MIT
/* kernel/arch/x86_64/acpi.c: RSDP checks and the choice of XSDT or RSDT. */
#include <string.h>
#include "harness.h"
#include "fixture.h"

static struct acpi_info info;

START_TEST(rsdp_v1_with_rsdt_is_accepted)
{
	phys_t madt = fx_basic_madt();
	ck_assert_int_eq(fx_parse_v1(&madt, 1, &info), 0);
	ck_assert_uint_eq(info.rsdp_revision, 0);
	ck_assert_str_eq(info.oem_id, "BOCHS ");
	ck_assert(!info.used_xsdt);
	ck_assert_uint_eq(info.cpu_count, 2);
	ck_assert_uint_eq(info.warning_count, 0);
}
END_TEST

START_TEST(rsdp_v2_uses_xsdt)
{
	uint8_t rsdp[ACPI_RSDP_V2_LEN];
	phys_t madt = fx_basic_madt();
	phys_t rsdt = fx_rsdt(NULL, 0); /* no MADT: parsing would fail through it */
	fx_rsdp_v2(rsdp, rsdt, fx_xsdt(&madt, 1));
	ck_assert_int_eq(acpi_parse(rsdp, sizeof(rsdp), &info), 0);
	ck_assert_uint_eq(info.rsdp_revision, 2);
	ck_assert(info.used_xsdt);
	ck_assert_uint_eq(info.cpu_count, 2);
}
END_TEST

START_TEST(rsdp_v2_with_zero_xsdt_address_uses_rsdt)
{
	uint8_t rsdp[ACPI_RSDP_V2_LEN];
	phys_t madt = fx_basic_madt();
	fx_rsdp_v2(rsdp, fx_rsdt(&madt, 1), 0);
	ck_assert_int_eq(acpi_parse(rsdp, sizeof(rsdp), &info), 0);
	ck_assert(!info.used_xsdt);
}
END_TEST

START_TEST(rsdp_v2_given_only_20_bytes_falls_back_to_rsdt_with_warning)
{
	uint8_t rsdp[ACPI_RSDP_V2_LEN], head[ACPI_RSDP_V1_LEN];
	phys_t madt = fx_basic_madt();
	fx_rsdp_v2(rsdp, fx_rsdt(&madt, 1), 0x12345678);
	memcpy(head, rsdp, sizeof(head)); /* ASan flags any read past 20 bytes */
	ck_assert_int_eq(acpi_parse(head, sizeof(head), &info), 0);
	ck_assert(!info.used_xsdt);
	ck_assert_uint_eq(info.warning_count, 1);
	ck_assert_ptr_nonnull(strstr(info.msg, "RSDP"));
}
END_TEST

START_TEST(rsdp_with_bad_checksum_is_rejected)
{
	uint8_t rsdp[ACPI_RSDP_V1_LEN];
	phys_t madt = fx_basic_madt();
	fx_rsdp_v1(rsdp, fx_rsdt(&madt, 1));
	rsdp[8]++;
	ck_assert_int_eq(acpi_parse(rsdp, sizeof(rsdp), &info), ACPI_ERR_RSDP_CHECKSUM);
	ck_assert_ptr_nonnull(strstr(info.msg, "RSDP"));
}
END_TEST

START_TEST(rsdp_with_bad_signature_is_rejected)
{
	uint8_t rsdp[ACPI_RSDP_V1_LEN];
	fx_rsdp_v1(rsdp, fx_rsdt(NULL, 0));
	rsdp[0] = 'X';
	ck_assert_int_eq(acpi_parse(rsdp, sizeof(rsdp), &info), ACPI_ERR_RSDP_SIGNATURE);
}
END_TEST

START_TEST(rsdp_missing_or_short_is_an_invalid_argument)
{
	uint8_t rsdp[ACPI_RSDP_V1_LEN];
	fx_rsdp_v1(rsdp, fx_rsdt(NULL, 0));
	ck_assert_int_eq(acpi_parse(NULL, 20, &info), ACPI_ERR_INVALID_ARG);
	ck_assert_int_eq(acpi_parse(rsdp, 19, &info), ACPI_ERR_INVALID_ARG);
	ck_assert_int_eq(acpi_parse(rsdp, 20, NULL), ACPI_ERR_INVALID_ARG);
}
END_TEST

START_TEST(rsdp_v2_with_bad_extended_checksum_is_rejected)
{
	uint8_t rsdp[ACPI_RSDP_V2_LEN];
	phys_t madt = fx_basic_madt();
	fx_rsdp_v2(rsdp, fx_rsdt(&madt, 1), fx_xsdt(&madt, 1));
	rsdp[32]++; /* the v1 checksum still holds */
	ck_assert_int_eq(acpi_parse(rsdp, sizeof(rsdp), &info), ACPI_ERR_RSDP_EXT_CHECKSUM);
}
END_TEST

START_TEST(rsdp_without_root_address_is_rejected)
{
	uint8_t rsdp[ACPI_RSDP_V1_LEN];
	fx_rsdp_v1(rsdp, 0);
	ck_assert_int_eq(acpi_parse(rsdp, sizeof(rsdp), &info), ACPI_ERR_NO_ROOT);
}
END_TEST

START_TEST(rsdt_with_bad_checksum_is_rejected)
{
	uint8_t rsdp[ACPI_RSDP_V1_LEN];
	phys_t madt = fx_basic_madt();
	phys_t rsdt = fx_rsdt(&madt, 1);
	fx_break_checksum(rsdt);
	fx_rsdp_v1(rsdp, rsdt);
	ck_assert_int_eq(acpi_parse(rsdp, sizeof(rsdp), &info), ACPI_ERR_RSDT_CHECKSUM);
	ck_assert_ptr_nonnull(strstr(info.msg, "RSDT"));
	ck_assert_ptr_nonnull(strstr(info.msg, "checksum"));
}
END_TEST

START_TEST(rsdt_with_wrong_signature_is_rejected)
{
	uint8_t rsdp[ACPI_RSDP_V1_LEN];
	phys_t madt = fx_basic_madt();
	fx_rsdp_v1(rsdp, madt); /* points at the MADT instead */
	ck_assert_int_eq(acpi_parse(rsdp, sizeof(rsdp), &info), ACPI_ERR_RSDT_SIGNATURE);
}
END_TEST

START_TEST(xsdt_with_bad_checksum_is_rejected)
{
	uint8_t rsdp[ACPI_RSDP_V2_LEN];
	phys_t madt = fx_basic_madt();
	phys_t xsdt = fx_xsdt(&madt, 1);
	fx_break_checksum(xsdt);
	fx_rsdp_v2(rsdp, fx_rsdt(&madt, 1), xsdt);
	ck_assert_int_eq(acpi_parse(rsdp, sizeof(rsdp), &info), ACPI_ERR_XSDT_CHECKSUM);
	ck_assert_ptr_nonnull(strstr(info.msg, "XSDT"));
}
END_TEST

START_TEST(xsdt_longer_than_a_mebibyte_is_rejected)
{
	uint8_t rsdp[ACPI_RSDP_V2_LEN];
	phys_t madt = fx_basic_madt();
	phys_t xsdt = fx_xsdt(&madt, 1);
	uint32_t huge = 2u << 20;
	memcpy(fx_ptr(xsdt) + 4, &huge, 4);
	fx_rsdp_v2(rsdp, 0, xsdt);
	ck_assert_int_eq(acpi_parse(rsdp, sizeof(rsdp), &info), ACPI_ERR_XSDT_LENGTH);
}
END_TEST

START_TEST(root_without_madt_is_rejected)
{
	phys_t hpet = fx_hpet(0xFED00000, 0, 0x80);
	phys_t tables[] = { 0, hpet }; /* a null entry is skipped */
	ck_assert_int_eq(fx_parse_v1(tables, 2, &info), ACPI_ERR_NO_MADT);
	ck_assert_ptr_nonnull(strstr(info.msg, "MADT"));
}
END_TEST

/* Found by the host fuzzer (tests/fuzz/host/corpus/acpi/): tables between
 * 4 GiB and 2^52 were read, but while ACPI is parsed only the first 4 GiB
 * are mapped, so the kernel faulted at boot. Here a read of such an
 * address would leave the fake memory and crash the test. */
START_TEST(root_table_entry_above_4gib_is_ignored_not_read)
{
	phys_t tables[] = { 0x100000000ull, 0xFFFFFFF0ull, fx_basic_madt() };
	uint8_t rsdp[ACPI_RSDP_V2_LEN];
	fx_rsdp_v2(rsdp, 0, fx_xsdt(tables, 3));
	ck_assert_int_eq(acpi_parse(rsdp, sizeof(rsdp), &info), 0);
	ck_assert_uint_eq(info.cpu_count, 2);
	ck_assert_uint_eq(info.warning_count, 6); /* both, at the MADT, HPET and SRAT lookups */
	ck_assert_ptr_nonnull(strstr(info.msg, "4 GiB"));
}
END_TEST

START_TEST(root_table_above_4gib_is_rejected_not_read)
{
	uint8_t rsdp[ACPI_RSDP_V2_LEN];
	fx_rsdp_v2(rsdp, 0, 0x100000000ull);
	ck_assert_int_eq(acpi_parse(rsdp, sizeof(rsdp), &info), ACPI_ERR_TABLE_ADDRESS);
	ck_assert_ptr_nonnull(strstr(info.msg, "XSDT"));
	ck_assert_ptr_nonnull(strstr(info.msg, "4 GiB"));
	fx_rsdp_v2(rsdp, 0, 0xFFFFFFE0ull); /* the header would cross 4 GiB */
	ck_assert_int_eq(acpi_parse(rsdp, sizeof(rsdp), &info), ACPI_ERR_TABLE_ADDRESS);
}
END_TEST

START_TEST(strerror_names_table_and_problem)
{
	ck_assert_ptr_nonnull(strstr(acpi_strerror(ACPI_ERR_MADT_CHECKSUM), "MADT"));
	ck_assert_ptr_nonnull(strstr(acpi_strerror(ACPI_ERR_MADT_CHECKSUM), "checksum"));
	ck_assert_ptr_nonnull(strstr(acpi_strerror(ACPI_ERR_RSDP_EXT_CHECKSUM), "extended"));
	ck_assert_ptr_nonnull(strstr(acpi_strerror(ACPI_ERR_TRUNCATED), "length"));
	ck_assert_str_eq(acpi_strerror(-1000), "ACPI: unknown error code");
	ck_assert_str_eq(acpi_strerror(7), "ACPI: unknown error code");
	ck_assert_str_eq(acpi_strerror(-2147483647 - 1), "ACPI: unknown error code");
}
END_TEST

UNIT_SUITE(acpi_rsdp_suite)
static Suite *acpi_rsdp_suite(void)
{
	Suite *s = suite_create("acpi_rsdp");
	TCase *tc = tcase_create("acpi_rsdp");
	tcase_add_checked_fixture(tc, fx_reset, NULL);
	tcase_add_test(tc, rsdp_v1_with_rsdt_is_accepted);
	tcase_add_test(tc, rsdp_v2_uses_xsdt);
	tcase_add_test(tc, rsdp_v2_with_zero_xsdt_address_uses_rsdt);
	tcase_add_test(tc, rsdp_v2_given_only_20_bytes_falls_back_to_rsdt_with_warning);
	tcase_add_test(tc, rsdp_with_bad_checksum_is_rejected);
	tcase_add_test(tc, rsdp_with_bad_signature_is_rejected);
	tcase_add_test(tc, rsdp_missing_or_short_is_an_invalid_argument);
	tcase_add_test(tc, rsdp_v2_with_bad_extended_checksum_is_rejected);
	tcase_add_test(tc, rsdp_without_root_address_is_rejected);
	tcase_add_test(tc, rsdt_with_bad_checksum_is_rejected);
	tcase_add_test(tc, rsdt_with_wrong_signature_is_rejected);
	tcase_add_test(tc, xsdt_with_bad_checksum_is_rejected);
	tcase_add_test(tc, xsdt_longer_than_a_mebibyte_is_rejected);
	tcase_add_test(tc, root_without_madt_is_rejected);
	tcase_add_test(tc, root_table_entry_above_4gib_is_ignored_not_read);
	tcase_add_test(tc, root_table_above_4gib_is_rejected_not_read);
	tcase_add_test(tc, strerror_names_table_and_problem);
	suite_add_tcase(s, tc);
	return s;
}
