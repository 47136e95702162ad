-- Full text (issue 12): the texts of records and the OCR of their pages, kept out of records.body
-- so that reading records (OAI-PMH harvests) costs the same however much text there is. The body
-- lists the texts (kind, language, length) and marks the pages that have OCR; these tables hold
-- the content. A record's rows are replaced whenever its content changes and dropped when it
-- becomes a tombstone.
CREATE TABLE record_texts (
  record_id TEXT NOT NULL REFERENCES records (id),
  seq       INTEGER NOT NULL,   -- order of the texts in the record, from 1
  kind      TEXT NOT NULL,      -- 'transcript', 'translation' or 'ocr-plain'
  language  TEXT NOT NULL,      -- ISO 639-1 or 639-3 code as imported
  body      TEXT NOT NULL,
  PRIMARY KEY (record_id, seq)
);

CREATE TABLE page_ocr (
  record_id TEXT NOT NULL REFERENCES records (id),
  page      INTEGER NOT NULL,   -- pages.seq: the page's number, from 1
  format    TEXT NOT NULL,      -- 'alto', 'hocr' or 'plain'
  source    TEXT,               -- the OCR file as imported, inside the data directory; NULL for inline text
  words     INTEGER NOT NULL,   -- how many words the lines hold
  lines     BLOB NOT NULL,      -- lines and words with boxes in the scan's pixels, deflated (catalog.OcrCodec)
  PRIMARY KEY (record_id, page)
);
