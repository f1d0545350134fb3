// SPDX-License-Identifier: MIT
/* kernel/arch/x86_64/acpi_srat.c and the HPET in acpi.c: optional tables,
 * NUMA node numbering, and skipping a bad optional table. */
#include <string.h>
#include "harness.h"
#include "fixture.h"

static struct acpi_info info;

/* A MADT with CPUs 0, 1 (local APIC) and 300 (x2APIC). */
static phys_t three_cpu_madt(void)
{
	struct fx_buf e = { .n = 0 };
	fx_madt_lapic(&e, 0, 0, 1);
	fx_madt_lapic(&e, 1, 1, 1);
	fx_madt_x2apic(&e, 300, 1, 2);
	return fx_madt(&e, FX_LAPIC, 1);
}

/* Domains 0x10 (CPU 0, low 2 GiB) and 0x20304 (CPUs 1 and 300, next 2 GiB, hotplug). */
static phys_t two_node_srat(void)
{
	struct fx_buf e = { .n = 0 };
	fx_srat_lapic(&e, 0x10, 0, 1);
	fx_srat_mem(&e, 0x10, 0, 2ull << 30, 1);
	fx_srat_lapic(&e, 0x20304, 1, 1);
	fx_srat_x2apic(&e, 0x20304, 300, 1);
	fx_srat_mem(&e, 0x20304, 2ull << 30, 2ull << 30, 3);
	fx_srat_mem(&e, 0x30, 4ull << 30, 1ull << 30, 0); /* disabled: ignored */
	return fx_srat(&e);
}

START_TEST(hpet_is_decoded)
{
	phys_t tables[] = { fx_basic_madt(), fx_hpet(0xFED00000, 0, 0x80) };
	ck_assert_int_eq(fx_parse_v1(tables, 2, &info), 0);
	ck_assert(info.hpet.present);
	ck_assert_uint_eq(info.hpet.base, 0xFED00000);
	ck_assert_uint_eq(info.hpet.number, 0);
	ck_assert_uint_eq(info.hpet.min_tick, 0x80);
	ck_assert_uint_eq(info.hpet.block_id, 0x8086A201);
}
END_TEST

START_TEST(hpet_with_bad_checksum_is_skipped)
{
	phys_t tables[] = { fx_basic_madt(), fx_hpet(0xFED00000, 0, 0x80) };
	fx_break_checksum(tables[1]);
	ck_assert_int_eq(fx_parse_v1(tables, 2, &info), 0);
	ck_assert(!info.hpet.present);
	ck_assert_uint_eq(info.cpu_count, 2);
	ck_assert_uint_eq(info.warning_count, 1);
	ck_assert_ptr_nonnull(strstr(info.msg, "HPET"));
	ck_assert_ptr_nonnull(strstr(info.msg, "checksum"));
}
END_TEST

START_TEST(hpet_outside_memory_space_is_skipped)
{
	phys_t tables[] = { fx_basic_madt(), fx_hpet(0xFED00000, 0, 0x80) };
	fx_ptr(tables[1])[40] = 1; /* system I/O space */
	fx_fix_checksum(tables[1]);
	ck_assert_int_eq(fx_parse_v1(tables, 2, &info), 0);
	ck_assert(!info.hpet.present);
	ck_assert_ptr_nonnull(strstr(info.msg, "HPET"));
}
END_TEST

START_TEST(no_srat_gives_one_node)
{
	phys_t madt = three_cpu_madt();
	ck_assert_int_eq(fx_parse_v1(&madt, 1, &info), 0);
	ck_assert(!info.has_srat);
	ck_assert_uint_eq(info.node_count, 1);
	ck_assert_uint_eq(info.mem_range_count, 0);
	ck_assert_int_eq(acpi_node_of_apic(&info, 300), 0);
}
END_TEST

START_TEST(srat_with_two_nodes_maps_cpus_and_memory)
{
	phys_t tables[] = { three_cpu_madt(), two_node_srat() };
	ck_assert_int_eq(fx_parse_v1(tables, 2, &info), 0);
	ck_assert(info.has_srat);
	ck_assert_uint_eq(info.node_count, 2);
	ck_assert_uint_eq(info.node_domain[0], 0x10);
	ck_assert_uint_eq(info.node_domain[1], 0x20304);
	ck_assert_int_eq(acpi_node_of_apic(&info, 0), 0);
	ck_assert_int_eq(acpi_node_of_apic(&info, 1), 1);
	ck_assert_int_eq(acpi_node_of_apic(&info, 300), 1);
	ck_assert_uint_eq(info.mem_range_count, 2);
	ck_assert_uint_eq(info.mem_ranges[1].base, 2ull << 30);
	ck_assert_uint_eq(info.mem_ranges[1].length, 2ull << 30);
	ck_assert_uint_eq(info.mem_ranges[1].node, 1);
	ck_assert_uint_eq(info.mem_ranges[1].domain, 0x20304);
	ck_assert(info.mem_ranges[1].hotplug && !info.mem_ranges[0].hotplug);
}
END_TEST

START_TEST(node_of_unknown_apic_is_negative)
{
	phys_t tables[] = { three_cpu_madt(), two_node_srat() };
	ck_assert_int_eq(fx_parse_v1(tables, 2, &info), 0);
	ck_assert_int_eq(acpi_node_of_apic(&info, 7), -1);
}
END_TEST

START_TEST(srat_with_bad_checksum_is_skipped)
{
	phys_t tables[] = { three_cpu_madt(), two_node_srat() };
	fx_break_checksum(tables[1]);
	ck_assert_int_eq(fx_parse_v1(tables, 2, &info), 0);
	ck_assert(!info.has_srat);
	ck_assert_uint_eq(info.node_count, 1);
	ck_assert_uint_eq(info.mem_range_count, 0);
	ck_assert_int_eq(acpi_node_of_apic(&info, 300), 0);
	ck_assert_ptr_nonnull(strstr(info.msg, "SRAT"));
}
END_TEST

START_TEST(srat_with_truncated_entry_is_skipped)
{
	struct fx_buf e = { .n = 0 };
	fx_srat_lapic(&e, 1, 0, 1);
	fx_put8(&e, 1); /* memory affinity claiming 40 bytes with 2 left */
	fx_put8(&e, 40);
	phys_t tables[] = { three_cpu_madt(), fx_srat(&e) };
	ck_assert_int_eq(fx_parse_v1(tables, 2, &info), 0);
	ck_assert(!info.has_srat);
	ck_assert_uint_eq(info.node_count, 1);
	ck_assert_int_eq(acpi_node_of_apic(&info, 0), 0);
	ck_assert_ptr_nonnull(strstr(info.msg, "SRAT"));
}
END_TEST

START_TEST(srat_domains_beyond_node_limit_are_ignored)
{
	struct fx_buf e = { .n = 0 };
	for (uint32_t d = 0; d < ACPI_MAX_NODES + 2; d++)
		fx_srat_mem(&e, d, (uint64_t)d << 30, 1ull << 30, 1);
	phys_t tables[] = { three_cpu_madt(), fx_srat(&e) };
	ck_assert_int_eq(fx_parse_v1(tables, 2, &info), 0);
	ck_assert_uint_eq(info.node_count, ACPI_MAX_NODES);
	ck_assert_uint_eq(info.mem_range_count, ACPI_MAX_NODES);
	ck_assert_uint_eq(info.warning_count, 1);
}
END_TEST

UNIT_SUITE(acpi_srat_hpet_suite)
static Suite *acpi_srat_hpet_suite(void)
{
	Suite *s = suite_create("acpi_srat_hpet");
	TCase *tc = tcase_create("acpi_srat_hpet");
	tcase_add_checked_fixture(tc, fx_reset, NULL);
	tcase_add_test(tc, hpet_is_decoded);
	tcase_add_test(tc, hpet_with_bad_checksum_is_skipped);
	tcase_add_test(tc, hpet_outside_memory_space_is_skipped);
	tcase_add_test(tc, no_srat_gives_one_node);
	tcase_add_test(tc, srat_with_two_nodes_maps_cpus_and_memory);
	tcase_add_test(tc, node_of_unknown_apic_is_negative);
	tcase_add_test(tc, srat_with_bad_checksum_is_skipped);
	tcase_add_test(tc, srat_with_truncated_entry_is_skipped);
	tcase_add_test(tc, srat_domains_beyond_node_limit_are_ignored);
	suite_add_tcase(s, tc);
	return s;
}
