# SPDX-License-Identifier: MIT
# The VFS server: /sbin/vfs in the initrd (logic in vfs_*.c, decoding in vfs_ipc.c).

VFS_BIN := $(BUILD)/user/sbin/vfs
VFS_SRCS := $(wildcard servers/vfs/*.c)

$(VFS_BIN): $(VFS_SRCS) $(wildcard servers/vfs/*.h) $(LIBIPC) $(LIBUK)
	@mkdir -p $(dir $@)
	$(MUSLCC) $(IPC_CFLAGS) -o $@ $(VFS_SRCS) $(LIBIPC) $(LIBUK)

USER_PROGRAMS += $(VFS_BIN)
INITRD_FILES += $(VFS_BIN):sbin/vfs
# The same binary under a second name: the swap tests go back and forth.
INITRD_FILES += $(VFS_BIN):sbin/vfs-alt
# A VFS of another state layout: a swap to it must be refused and rolled back.
VFS_V2_BIN := $(BUILD)/user/sbin/vfs-v2
$(VFS_V2_BIN): $(VFS_SRCS) $(wildcard servers/vfs/*.h) $(LIBIPC) $(LIBUK)
	@mkdir -p $(dir $@)
	$(MUSLCC) $(IPC_CFLAGS) -DVFS_ARENA_VERSION=2 -o $@ $(VFS_SRCS) $(LIBIPC) $(LIBUK)
USER_PROGRAMS += $(VFS_V2_BIN)
INITRD_FILES += $(VFS_V2_BIN):sbin/vfs-v2
