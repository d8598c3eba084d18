-- AlterTable
ALTER TABLE "PostPurchaseOffer" ADD COLUMN     "orderId" TEXT,
ADD COLUMN     "quantity" INTEGER,
ADD COLUMN     "variantId" TEXT;

