package io.duvoexport.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestLedgerTest {

    @TempDir
    Path dir;

    @Test
    void carriesTheRequestsOfEarlierExecutionsToALaterOne() throws Exception {
        Storage storage = Storage.open(dir.toString());
        org.apache.hadoop.fs.Path staging = new org.apache.hadoop.fs.Path(storage.workDir(), "i");
        RequestLedger ledger = new RequestLedger(storage, staging);

        ledger.record(1, 40);
        ledger.record(1, 120); // a later count of the same execution replaces the earlier one
        ledger.record(2, 7);

        assertThat(new RequestLedger(storage, staging).others(2)).isEqualTo(120);
        assertThat(new RequestLedger(storage, staging).others(3)).isEqualTo(127);
    }

    @Test
    void countsNothingBeforeAnyRecord() throws Exception {
        Storage storage = Storage.open(dir.toString());

        assertThat(new RequestLedger(storage, new org.apache.hadoop.fs.Path(storage.workDir(), "i"))
                .others(1)).isZero();
    }
}
