-- AlterTable
ALTER TABLE "PostPurchaseOffer" ADD COLUMN "variantId" TEXT;
ALTER TABLE "PostPurchaseOffer" ADD COLUMN "quantity" INTEGER;
ALTER TABLE "PostPurchaseOffer" ADD COLUMN "orderId" TEXT;
