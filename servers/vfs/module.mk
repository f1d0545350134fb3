# SPDX-License-Identifier: MIT
# The VFS server: /sbin/vfs in the initrd (logic in vfs_*.c, decoding in vfs_ipc.c).

VFS_BIN := $(BUILD)/user/sbin/vfs
$(eval $(call server_prog,vfs,servers/vfs,,))
INITRD_FILES += $(VFS_BIN):sbin/vfs
# The same binary under a second name: the swap tests go back and forth.
INITRD_FILES += $(VFS_BIN):sbin/vfs-alt
# A VFS of another state layout (a version no real binary has): a swap to it
# must be refused and rolled back.
VFS_V2_BIN := $(BUILD)/user/sbin/vfs-v2
$(eval $(call server_prog,vfs-v2,servers/vfs,-DVFS_ARENA_VERSION=9999,))
INITRD_FILES += $(VFS_V2_BIN):sbin/vfs-v2
