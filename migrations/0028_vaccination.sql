-- Vaccination: aggregate doses per commune, day, age group, high-risk category, product and dose
-- number; population denominators per age group (imported, or derived from the census with the
-- national age structure kept as data with its source and confidence); the province's targets.
-- No person-level data.

-- Vaccine products as data: the doses of the primary series decide "fully vaccinated".
CREATE TABLE vaccine_products (
  code          text PRIMARY KEY CHECK (code ~ '^[a-z0-9-]{1,40}$'),
  name          text NOT NULL,
  primary_doses smallint NOT NULL CHECK (primary_doses BETWEEN 1 AND 3),
  source        text NOT NULL,
  confidence    text NOT NULL CHECK (confidence IN ('verified', 'secondary', 'unverified'))
);
INSERT INTO vaccine_products (code, name, primary_doses, source, confidence) VALUES
  ('astrazeneca', 'AstraZeneca (Vaxzevria, Covishield)', 2, 'WHO EUL; Bộ Y tế phê duyệt có điều kiện 01/2021', 'secondary'),
  ('pfizer', 'Pfizer-BioNTech (Comirnaty)', 2, 'WHO EUL; Bộ Y tế phê duyệt có điều kiện 06/2021', 'secondary'),
  ('moderna', 'Moderna (Spikevax)', 2, 'WHO EUL; Bộ Y tế phê duyệt có điều kiện 06/2021', 'secondary'),
  ('sinopharm', 'Sinopharm (Vero Cell)', 2, 'WHO EUL; Bộ Y tế phê duyệt có điều kiện 06/2021', 'secondary'),
  ('sputnik-v', 'Sputnik V (Gam-COVID-Vac)', 2, 'Bộ Y tế phê duyệt có điều kiện 03/2021', 'secondary'),
  ('abdala', 'Abdala', 3, 'Bộ Y tế phê duyệt có điều kiện 09/2021 (3 liều cơ bản)', 'secondary'),
  ('hayat-vax', 'Hayat-Vax', 2, 'Bộ Y tế phê duyệt có điều kiện 08/2021', 'secondary'),
  ('janssen', 'Janssen (Johnson & Johnson)', 1, 'WHO EUL; Bộ Y tế phê duyệt có điều kiện 07/2021 (1 liều)', 'secondary');

-- The national age structure: the share of the population in each group, to split a commune's
-- census population when no denominator was imported. 'high_risk' is the share of people under 65
-- with a chronic condition or other high-risk category.
CREATE TABLE vaccination_age_shares (
  age_group  text PRIMARY KEY CHECK (age_group IN ('5-11', '12-17', '18-49', '50-64', '65+', 'high_risk')),
  share      numeric(6, 5) NOT NULL CHECK (share >= 0 AND share <= 1),
  source     text NOT NULL,
  confidence text NOT NULL CHECK (confidence IN ('verified', 'secondary', 'unverified')),
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO vaccination_age_shares (age_group, share, source, confidence) VALUES
  ('5-11', 0.10700, 'Tổng điều tra dân số và nhà ở 2019 (TCTK), cơ cấu theo nhóm tuổi, làm tròn', 'secondary'),
  ('12-17', 0.08600, 'Tổng điều tra dân số và nhà ở 2019 (TCTK), cơ cấu theo nhóm tuổi, làm tròn', 'secondary'),
  ('18-49', 0.48900, 'Tổng điều tra dân số và nhà ở 2019 (TCTK), cơ cấu theo nhóm tuổi, làm tròn', 'secondary'),
  ('50-64', 0.16100, 'Tổng điều tra dân số và nhà ở 2019 (TCTK), cơ cấu theo nhóm tuổi, làm tròn', 'secondary'),
  ('65+', 0.07700, 'Tổng điều tra dân số và nhà ở 2019 (TCTK), cơ cấu theo nhóm tuổi, làm tròn', 'secondary'),
  ('high_risk', 0.05000, 'Ước tính người dưới 65 tuổi có bệnh nền; chưa có nguồn chính thức', 'unverified');

CREATE TABLE vaccination_doses (
  id            bigserial PRIMARY KEY,
  unit_id       text NOT NULL REFERENCES units(id),
  unit_path     text COLLATE "C" NOT NULL,
  dose_date     date NOT NULL,
  age_group     text NOT NULL CHECK (age_group IN ('5-11', '12-17', '18-49', '50-64', '65+')),
  -- 'none' for the general population; otherwise the high-risk category.
  risk_group    text NOT NULL DEFAULT 'none' CHECK (risk_group IN ('none', 'chronic', 'health_worker', 'frontline', 'pregnant')),
  product       text NOT NULL REFERENCES vaccine_products(code),
  dose          text NOT NULL CHECK (dose IN ('1', '2', '3', 'booster')),
  doses         integer NOT NULL CHECK (doses >= 0 AND doses <= 10000000),
  source        text NOT NULL CHECK (source IN ('entered', 'imported', 'demo')),
  import_job_id bigint,
  updated_by    bigint REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (unit_id, dose_date, age_group, risk_group, product, dose)
);
CREATE INDEX vaccination_doses_path ON vaccination_doses(unit_path, dose_date);

CREATE TABLE vaccination_populations (
  unit_id    text NOT NULL REFERENCES units(id),
  unit_path  text COLLATE "C" NOT NULL,
  age_group  text NOT NULL CHECK (age_group IN ('5-11', '12-17', '18-49', '50-64', '65+', 'high_risk')),
  population integer NOT NULL CHECK (population >= 0),
  source     text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_id, age_group)
);
CREATE INDEX vaccination_populations_path ON vaccination_populations(unit_path);

-- A province's target: a share of a group reaching a measure by a deadline.
CREATE TABLE vaccination_targets (
  id          serial PRIMARY KEY,
  unit_id     text NOT NULL REFERENCES units(id),
  unit_path   text COLLATE "C" NOT NULL,
  name        text NOT NULL,
  measure     text NOT NULL CHECK (measure IN ('at_least_one', 'fully', 'boosted')),
  age_groups  text[] NOT NULL CHECK (cardinality(age_groups) >= 1 AND age_groups <@ ARRAY['5-11', '12-17', '18-49', '50-64', '65+']::text[]),
  share       numeric(5, 4) NOT NULL CHECK (share > 0 AND share <= 1),
  starts_on   date NOT NULL,
  deadline    date NOT NULL CHECK (deadline >= starts_on),
  source      text,
  created_by  bigint REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX vaccination_targets_path ON vaccination_targets(unit_path, deadline);

CREATE TRIGGER audit_vaccination_age_shares AFTER INSERT OR UPDATE OR DELETE ON vaccination_age_shares FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_vaccination_doses AFTER INSERT OR UPDATE OR DELETE ON vaccination_doses FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_vaccination_populations AFTER INSERT OR UPDATE OR DELETE ON vaccination_populations FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_vaccination_targets AFTER INSERT OR UPDATE OR DELETE ON vaccination_targets FOR EACH ROW EXECUTE FUNCTION audit_row();
