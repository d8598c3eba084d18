-- Home's getting-started checklist: has the merchant opened the offer preview?
-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN "previewedAt" DATETIME;
