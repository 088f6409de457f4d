-- Analytics (contexts/analytics): the serial interval used to estimate the reproduction number
-- R(t), as dated data with its source and a confidence mark. The national default is a published
-- estimate; a province records its own from a date (the row in force on the last day estimated
-- applies: the province's own over the national one).
CREATE TABLE serial_intervals (
  id          serial PRIMARY KEY,
  valid_from  date NOT NULL,
  -- NULL: national default; a province's own row names its unit.
  unit_id     text REFERENCES units(id),
  -- A gamma distribution of this mean and standard deviation (days), discretised over days.
  mean_days   double precision NOT NULL CHECK (mean_days > 1 AND mean_days <= 60),
  sd_days     double precision NOT NULL CHECK (sd_days > 0 AND sd_days <= 60),
  source      text NOT NULL CHECK (length(source) BETWEEN 1 AND 500),
  confidence  text NOT NULL CHECK (confidence IN ('verified','secondary','unverified')),
  note        text CHECK (length(note) <= 2000),
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (unit_id, valid_from)
);
CREATE UNIQUE INDEX serial_intervals_national ON serial_intervals(valid_from) WHERE unit_id IS NULL;
CREATE TRIGGER audit_serial_intervals AFTER INSERT OR UPDATE OR DELETE ON serial_intervals FOR EACH ROW EXECUTE FUNCTION audit_row();

INSERT INTO serial_intervals (valid_from, unit_id, mean_days, sd_days, source, confidence, note) VALUES
  ('2020-01-01', NULL, 4.7, 2.9,
   'Nishiura H, Linton NM, Akhmetzhanov AR (2020). Serial interval of novel coronavirus (COVID-19) infections. Int J Infect Dis 93:284–286',
   'secondary',
   'COVID-19, 28 cặp lây nhiễm đầu năm 2020: khoảng nối tiếp trung bình 4,7 ngày (khoảng tin cậy 95%: 3,7–6,0), độ lệch chuẩn 2,9 ngày (1,9–4,9). Mặc định toàn quốc; tỉnh ghi giá trị riêng (ví dụ cho biến chủng Delta) từ một ngày.');
