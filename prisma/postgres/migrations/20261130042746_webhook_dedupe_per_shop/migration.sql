-- DropIndex
DROP INDEX "ProcessedWebhook_shop_idx";

-- AlterTable
ALTER TABLE "ProcessedWebhook" DROP CONSTRAINT "ProcessedWebhook_pkey",
ADD CONSTRAINT "ProcessedWebhook_pkey" PRIMARY KEY ("shop", "eventId");

