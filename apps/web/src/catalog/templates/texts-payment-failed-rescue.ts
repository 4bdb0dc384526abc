import type { TemplateTexts } from './types';

export const paymentFailedRescueTexts: TemplateTexts = {
  name: { vi: 'Cứu đơn thanh toán lỗi', en: 'Payment failed rescue' },
  description: {
    vi: '90 giây sau khi thẻ bị từ chối: email “Thanh toán bằng PayPal” có đường dẫn quay lại trang thanh toán; lần ghé website tiếp theo hiện popup mã giảm 10%. Đơn đặt trong lúc mã còn hạn được tính là chuyển đổi.',
    en: '90 seconds after a declined card: a "Pay with PayPal" email with a link back to the checkout; the next visit to the website shows a 10% coupon popup. An order while the coupon is valid counts as a conversion.',
  },
  steps: {
    'payment-failed': { vi: 'Thanh toán lỗi', en: 'Payment failed' },
    'wait-90s': { vi: 'Chờ 90 giây', en: 'Wait 90 seconds' },
    'paypal-email': { vi: 'Email thanh toán bằng PayPal', en: 'Pay with PayPal email' },
    'next-visit': { vi: 'Quay lại website?', en: 'Comes back to the site?' },
    'popup-coupon': { vi: 'Mã giảm 10%', en: '10% coupon' },
    popup: { vi: 'Popup trên website', en: 'On-site popup' },
    'coupon-valid': { vi: 'Trong 2 ngày mã còn hạn', en: 'While the coupon is valid' },
    'exit-coupon-unused': { vi: 'Không dùng mã', en: 'Did not use the coupon' },
    'exit-no-visit': { vi: 'Không quay lại', en: 'Did not come back' },
    goal: { vi: 'Hoàn tất đơn hàng', en: 'Order completed' },
  },
  fields: {
    'paypal-email': {
      subject: { vi: 'Anh/chị {{ customer.firstName }} gặp khó khăn khi thanh toán?', en: 'Having trouble paying, {{ customer.firstName }}?' },
      body: {
        vi: 'Chào {{ customer.firstName }}, thẻ của anh/chị chưa thanh toán được đơn hàng {{ entry.properties.amount | vnd }}. Anh/chị có thể thanh toán bằng PayPal tại đây: {{ entry.properties.checkout_url }}',
        en: 'Hi {{ customer.firstName }}, your card was declined for the {{ entry.properties.amount | vnd }} order. You can pay with PayPal instead: {{ entry.properties.checkout_url }}',
      },
    },
    popup: {
      subject: { vi: 'Chào mừng {{ customer.firstName }} quay lại!', en: 'Welcome back, {{ customer.firstName }}!' },
      body: {
        vi: 'Hoàn tất đơn hàng với mã {{ voucher.code }} để được giảm 10%, mã dùng được trong 2 ngày.',
        en: 'Finish your order with {{ voucher.code }} for 10% off, valid for 2 days.',
      },
    },
    'exit-coupon-unused': { reason: { vi: 'Không dùng mã giảm giá', en: 'Did not use the coupon' } },
    'exit-no-visit': { reason: { vi: 'Không quay lại website', en: 'Did not come back' } },
  },
};
