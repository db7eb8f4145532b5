package io.duvoexport.export;

import com.github.luben.zstd.ZstdCompressCtx;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Compresses a Parquet file's zstd pages with one zstd context for the whole file, where
 * Parquet's own codec sets up a new stream and context for every page: on files of a few
 * thousand rows that set-up costs more than the compression. Each page is one standard zstd
 * frame, as Parquet's codec writes it. Other codecs, and decompression, are Parquet's.
 * One instance per file writer; not thread-safe.
 */
final class ZstdCodecFactory implements CompressionCodecFactory {

    private final int level;
    private final CodecFactory parquet;
    private ZstdPages zstd;

    ZstdCodecFactory(Configuration conf, int pageSize, int level) {
        this.level = level;
        this.parquet = new CodecFactory(conf, pageSize);
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        if (codec != CompressionCodecName.ZSTD) {
            return parquet.getCompressor(codec);
        }
        if (zstd == null) {
            zstd = new ZstdPages(level);
        }
        return zstd;
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return parquet.getDecompressor(codec);
    }

    @Override
    public void release() {
        if (zstd != null) {
            zstd.release();
            zstd = null;
        }
        parquet.release();
    }

    /** Compresses each page into one frame with a reused context. */
    private static final class ZstdPages implements BytesInputCompressor {
        private final ZstdCompressCtx context = new ZstdCompressCtx();

        ZstdPages(int level) {
            context.setLevel(level);
        }

        @Override
        public BytesInput compress(BytesInput page) throws IOException {
            return BytesInput.from(context.compress(page.toByteArray()));
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.ZSTD;
        }

        @Override
        public void release() {
            context.close();
        }
    }
}
