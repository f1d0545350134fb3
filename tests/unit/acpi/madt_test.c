// SPDX-License-Identifier: MIT
/* kernel/arch/x86_64/acpi_madt.c: MADT checks and entry decoding, and
 * acpi_isa_irq_to_gsi(). */
#include <string.h>
#include "harness.h"
#include "fixture.h"

static struct acpi_info info;

START_TEST(madt_decodes_cpus_ioapics_overrides_and_nmis)
{
	struct fx_buf e = { .n = 0 };
	fx_madt_lapic(&e, 0, 0, 1);
	fx_madt_lapic(&e, 1, 2, 1);
	fx_madt_ioapic(&e, 4, FX_IOAPIC, 0);
	fx_madt_ioapic(&e, 5, FX_IOAPIC + 0x1000, 24);
	fx_madt_override(&e, 0, 0, 2, 0);
	fx_madt_nmi_source(&e, 0xD, 23);
	fx_madt_lapic_nmi(&e, 0xFF, 5, 1);
	fx_madt_lapic_nmi(&e, 1, 0, 0);
	phys_t madt = fx_madt(&e, FX_LAPIC, 1);
	ck_assert_int_eq(fx_parse_v1(&madt, 1, &info), 0);
	ck_assert_uint_eq(info.lapic_addr, FX_LAPIC);
	ck_assert(info.has_8259);
	ck_assert_uint_eq(info.cpu_count, 2);
	ck_assert_uint_eq(info.cpus[1].apic_id, 2);
	ck_assert_uint_eq(info.cpus[1].acpi_uid, 1);
	ck_assert(info.cpus[1].enabled && !info.cpus[1].x2apic);
	ck_assert_uint_eq(info.ioapic_count, 2);
	ck_assert_uint_eq(info.ioapics[1].id, 5);
	ck_assert_uint_eq(info.ioapics[1].addr, FX_IOAPIC + 0x1000);
	ck_assert_uint_eq(info.ioapics[1].gsi_base, 24);
	ck_assert_uint_eq(info.override_count, 1);
	ck_assert_uint_eq(info.nmi_source_count, 1);
	ck_assert_uint_eq(info.nmi_sources[0].gsi, 23);
	ck_assert_uint_eq(ACPI_IRQ_TRIGGER(info.nmi_sources[0].flags), ACPI_TRIGGER_LEVEL);
	ck_assert_uint_eq(info.lapic_nmi_count, 2);
	ck_assert_uint_eq(info.lapic_nmis[0].acpi_uid, ACPI_UID_ALL);
	ck_assert_uint_eq(info.lapic_nmis[0].lint, 1);
	ck_assert_uint_eq(info.lapic_nmis[0].flags, 5);
	ck_assert_uint_eq(info.lapic_nmis[1].acpi_uid, 1);
}
END_TEST

START_TEST(madt_without_pcat_compat_has_no_8259)
{
	struct fx_buf e = { .n = 0 };
	fx_madt_lapic(&e, 0, 0, 1);
	phys_t madt = fx_madt(&e, FX_LAPIC, 0);
	ck_assert_int_eq(fx_parse_v1(&madt, 1, &info), 0);
	ck_assert(!info.has_8259);
}
END_TEST

START_TEST(disabled_cpus_are_skipped_and_online_capable_kept)
{
	struct fx_buf e = { .n = 0 };
	fx_madt_lapic(&e, 0, 0, 1);
	fx_madt_lapic(&e, 1, 1, 0);    /* disabled: never usable */
	fx_madt_lapic(&e, 2, 2, 2);    /* online capable */
	fx_madt_lapic(&e, 3, 0xFF, 1); /* invalid APIC id */
	phys_t madt = fx_madt(&e, FX_LAPIC, 1);
	ck_assert_int_eq(fx_parse_v1(&madt, 1, &info), 0);
	ck_assert_uint_eq(info.cpu_count, 2);
	ck_assert_uint_eq(info.cpus[1].apic_id, 2);
	ck_assert(!info.cpus[1].enabled);
	ck_assert(info.cpus[1].online_capable);
}
END_TEST

START_TEST(x2apic_entries_add_cpus_and_nmis)
{
	struct fx_buf e = { .n = 0 };
	fx_madt_lapic(&e, 0, 0, 1);
	fx_madt_x2apic(&e, 0, 1, 0);      /* same CPU again: not duplicated */
	fx_madt_x2apic(&e, 300, 1, 300);
	fx_madt_x2apic(&e, 0x10000, 2, 301);
	fx_madt_x2apic_nmi(&e, 5, 0xFFFFFFFF, 1);
	fx_madt_x2apic_nmi(&e, 0, 300, 0);
	phys_t madt = fx_madt(&e, FX_LAPIC, 1);
	ck_assert_int_eq(fx_parse_v1(&madt, 1, &info), 0);
	ck_assert_uint_eq(info.cpu_count, 3);
	ck_assert_uint_eq(info.cpus[1].apic_id, 300);
	ck_assert_uint_eq(info.cpus[1].acpi_uid, 300);
	ck_assert(info.cpus[1].x2apic && info.cpus[1].enabled);
	ck_assert_uint_eq(info.cpus[2].apic_id, 0x10000);
	ck_assert(info.cpus[2].online_capable);
	ck_assert_uint_eq(info.lapic_nmi_count, 2);
	ck_assert_uint_eq(info.lapic_nmis[0].acpi_uid, ACPI_UID_ALL);
	ck_assert_uint_eq(info.lapic_nmis[0].lint, 1);
	ck_assert_uint_eq(info.lapic_nmis[1].acpi_uid, 300);
}
END_TEST

START_TEST(lapic_address_override_replaces_header_address)
{
	struct fx_buf e = { .n = 0 };
	fx_madt_lapic_override(&e, 0x1FEE00000ull); /* before the CPUs: order does not matter */
	fx_madt_lapic(&e, 0, 0, 1);
	phys_t madt = fx_madt(&e, FX_LAPIC, 1);
	ck_assert_int_eq(fx_parse_v1(&madt, 1, &info), 0);
	ck_assert_uint_eq(info.lapic_addr, 0x1FEE00000ull);
}
END_TEST

START_TEST(isa_irq0_maps_to_gsi2_through_override)
{
	uint16_t flags = 0xFFFF;
	phys_t madt = fx_basic_madt();
	ck_assert_int_eq(fx_parse_v1(&madt, 1, &info), 0);
	ck_assert_uint_eq(acpi_isa_irq_to_gsi(&info, 0, &flags), 2);
	ck_assert_uint_eq(flags, 0);
	ck_assert_uint_eq(acpi_isa_irq_to_gsi(&info, 9, &flags), 9);
	ck_assert_uint_eq(ACPI_IRQ_POLARITY(flags), ACPI_POLARITY_LOW);
	ck_assert_uint_eq(ACPI_IRQ_TRIGGER(flags), ACPI_TRIGGER_LEVEL);
	ck_assert_uint_eq(acpi_isa_irq_to_gsi(&info, 4, &flags), 4);
	ck_assert_uint_eq(flags, 0);
	ck_assert_uint_eq(acpi_isa_irq_to_gsi(&info, 1, NULL), 1);
}
END_TEST

START_TEST(override_on_non_isa_bus_is_not_applied_to_isa_irqs)
{
	struct fx_buf e = { .n = 0 };
	fx_madt_lapic(&e, 0, 0, 1);
	fx_madt_override(&e, 1, 5, 40, 0);
	phys_t madt = fx_madt(&e, FX_LAPIC, 1);
	ck_assert_int_eq(fx_parse_v1(&madt, 1, &info), 0);
	ck_assert_uint_eq(acpi_isa_irq_to_gsi(&info, 5, NULL), 5);
}
END_TEST

START_TEST(madt_with_bad_checksum_is_rejected)
{
	phys_t madt = fx_basic_madt();
	fx_break_checksum(madt);
	ck_assert_int_eq(fx_parse_v1(&madt, 1, &info), ACPI_ERR_MADT_CHECKSUM);
	ck_assert_ptr_nonnull(strstr(info.msg, "MADT"));
	ck_assert_ptr_nonnull(strstr(info.msg, "checksum"));
}
END_TEST

START_TEST(madt_shorter_than_its_header_is_rejected)
{
	struct fx_buf body = { .n = 4 }; /* local APIC address only, no flags */
	phys_t madt = fx_table("APIC", &body);
	ck_assert_int_eq(fx_parse_v1(&madt, 1, &info), ACPI_ERR_MADT_LENGTH);
}
END_TEST

START_TEST(madt_entry_running_past_end_is_truncated)
{
	struct fx_buf e = { .n = 0 };
	fx_madt_lapic(&e, 0, 0, 1);
	fx_put8(&e, 1); /* an IO-APIC entry claiming 12 bytes with 6 left */
	fx_put8(&e, 12);
	fx_put32(&e, 0);
	phys_t madt = fx_madt(&e, FX_LAPIC, 1);
	ck_assert_int_eq(fx_parse_v1(&madt, 1, &info), ACPI_ERR_TRUNCATED);
	ck_assert_ptr_nonnull(strstr(info.msg, "MADT"));
}
END_TEST

START_TEST(madt_zero_length_entry_is_truncated)
{
	struct fx_buf e = { .n = 0 };
	fx_madt_lapic(&e, 0, 0, 1);
	fx_put8(&e, 0x7F); /* unknown type, length 0 */
	fx_put8(&e, 0);
	fx_madt_lapic(&e, 1, 1, 1);
	phys_t madt = fx_madt(&e, FX_LAPIC, 1);
	ck_assert_int_eq(fx_parse_v1(&madt, 1, &info), ACPI_ERR_TRUNCATED);
}
END_TEST

START_TEST(madt_single_trailing_byte_is_truncated)
{
	struct fx_buf e = { .n = 0 };
	fx_madt_lapic(&e, 0, 0, 1);
	fx_put8(&e, 0); /* a type byte with no length byte after it */
	phys_t madt = fx_madt(&e, FX_LAPIC, 1);
	ck_assert_int_eq(fx_parse_v1(&madt, 1, &info), ACPI_ERR_TRUNCATED);
}
END_TEST

START_TEST(madt_entry_too_short_for_its_type_is_truncated)
{
	struct fx_buf e = { .n = 0 };
	fx_put8(&e, 9); /* x2APIC entry needs 16 bytes */
	fx_put8(&e, 8);
	fx_put16(&e, 0);
	fx_put32(&e, 7);
	fx_madt_lapic(&e, 0, 0, 1);
	phys_t madt = fx_madt(&e, FX_LAPIC, 1);
	ck_assert_int_eq(fx_parse_v1(&madt, 1, &info), ACPI_ERR_TRUNCATED);
}
END_TEST

START_TEST(madt_unknown_and_longer_entries_are_skipped)
{
	struct fx_buf e = { .n = 0 };
	fx_put8(&e, 0x11); /* unknown type, 5 bytes */
	fx_put8(&e, 5);
	fx_put8(&e, 0);
	fx_put16(&e, 0);
	fx_madt_lapic(&e, 0, 3, 1);
	e.b[e.n - 7] = 10; /* a newer, longer local APIC entry */
	fx_put16(&e, 0);
	phys_t madt = fx_madt(&e, FX_LAPIC, 1);
	ck_assert_int_eq(fx_parse_v1(&madt, 1, &info), 0);
	ck_assert_uint_eq(info.cpu_count, 1);
	ck_assert_uint_eq(info.cpus[0].apic_id, 3);
}
END_TEST

START_TEST(cpus_beyond_the_limit_are_ignored_with_a_warning)
{
	struct fx_buf e = { .n = 0 };
	for (unsigned i = 0; i < ACPI_MAX_CPUS + 3; i++)
		fx_madt_lapic(&e, (uint8_t)i, (uint8_t)i, 1);
	phys_t madt = fx_madt(&e, FX_LAPIC, 1);
	ck_assert_int_eq(fx_parse_v1(&madt, 1, &info), 0);
	ck_assert_uint_eq(info.cpu_count, ACPI_MAX_CPUS);
	ck_assert_uint_eq(info.warning_count, 1);
	ck_assert_ptr_nonnull(strstr(info.msg, "CPUs"));
}
END_TEST

UNIT_SUITE(acpi_madt_suite)
static Suite *acpi_madt_suite(void)
{
	Suite *s = suite_create("acpi_madt");
	TCase *tc = tcase_create("acpi_madt");
	tcase_add_checked_fixture(tc, fx_reset, NULL);
	tcase_add_test(tc, madt_decodes_cpus_ioapics_overrides_and_nmis);
	tcase_add_test(tc, madt_without_pcat_compat_has_no_8259);
	tcase_add_test(tc, disabled_cpus_are_skipped_and_online_capable_kept);
	tcase_add_test(tc, x2apic_entries_add_cpus_and_nmis);
	tcase_add_test(tc, lapic_address_override_replaces_header_address);
	tcase_add_test(tc, isa_irq0_maps_to_gsi2_through_override);
	tcase_add_test(tc, override_on_non_isa_bus_is_not_applied_to_isa_irqs);
	tcase_add_test(tc, madt_with_bad_checksum_is_rejected);
	tcase_add_test(tc, madt_shorter_than_its_header_is_rejected);
	tcase_add_test(tc, madt_entry_running_past_end_is_truncated);
	tcase_add_test(tc, madt_zero_length_entry_is_truncated);
	tcase_add_test(tc, madt_single_trailing_byte_is_truncated);
	tcase_add_test(tc, madt_entry_too_short_for_its_type_is_truncated);
	tcase_add_test(tc, madt_unknown_and_longer_entries_are_skipped);
	tcase_add_test(tc, cpus_beyond_the_limit_are_ignored_with_a_warning);
	suite_add_tcase(s, tc);
	return s;
}
