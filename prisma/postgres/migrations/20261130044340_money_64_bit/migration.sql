-- AlterTable
ALTER TABLE "AnalyticsEvent" ALTER COLUMN "value" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "Conversion" ALTER COLUMN "revenue" SET DATA TYPE BIGINT,
ALTER COLUMN "presentmentRevenue" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "ExperimentOrder" ALTER COLUMN "revenue" SET DATA TYPE BIGINT,
ALTER COLUMN "presentmentRevenue" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "DailyStat" ALTER COLUMN "revenue" SET DATA TYPE BIGINT;

