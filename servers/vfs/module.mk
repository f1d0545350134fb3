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
