/**
 * Small Prisma datamodels for tests of the migration tooling: they never depend on the real
 * prisma/schema.prisma, which changes with the product.
 */
export const TWO_MODEL_DATAMODEL = `datasource db {
  provider = "postgresql"
}

enum PatientStatus {
  active
  inactive
}

model Site {
  id       Int       @id @default(autoincrement())
  name     String    @unique
  patients Patient[]

  @@map("site")
}

model Patient {
  id     Int           @id @default(autoincrement())
  mrn    String
  status PatientStatus @default(active)
  siteId Int           @map("site_id")
  site   Site          @relation(fields: [siteId], references: [id], onDelete: Restrict)

  @@index([siteId])
  @@map("patient")
}
`;

/** TWO_MODEL_DATAMODEL with one more field on Patient (column high_risk). */
export const TWO_MODEL_DATAMODEL_WITH_HIGH_RISK = TWO_MODEL_DATAMODEL.replace(
  '  siteId Int           @map("site_id")\n',
  '  siteId Int           @map("site_id")\n  highRisk Boolean @default(false) @map("high_risk")\n',
);
