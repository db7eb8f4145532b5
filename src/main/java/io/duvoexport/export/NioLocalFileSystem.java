package io.duvoexport.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's raw local file system, setting permissions through {@code java.nio} instead of
 * starting a {@code chmod} process for every file and folder created (what Hadoop does without
 * its native library): on a staging area of thousands of small files, those processes cost more
 * than the export's own work. Everything else is Hadoop's. Public for Hadoop's reflection.
 */
public final class NioLocalFileSystem extends RawLocalFileSystem {

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        add(perms, permission.getUserAction(), PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
        add(perms, permission.getGroupAction(), PosixFilePermission.GROUP_READ,
                PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE);
        add(perms, permission.getOtherAction(), PosixFilePermission.OTHERS_READ,
                PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
        try {
            Files.setPosixFilePermissions(pathToFile(p).toPath(), perms);
        } catch (UnsupportedOperationException e) {
            super.setPermission(p, permission);
        }
    }

    private static void add(Set<PosixFilePermission> perms, FsAction action,
            PosixFilePermission read, PosixFilePermission write, PosixFilePermission execute) {
        if (action.implies(FsAction.READ)) {
            perms.add(read);
        }
        if (action.implies(FsAction.WRITE)) {
            perms.add(write);
        }
        if (action.implies(FsAction.EXECUTE)) {
            perms.add(execute);
        }
    }
}
