import type { TemplateTexts } from './types';

export const crossDeviceLoyaltyTexts: TemplateTexts = {
  name: { vi: 'Một khách hàng trên mọi thiết bị và cửa hàng', en: 'One customer across devices and stores' },
  description: {
    vi: 'Giỏ hàng bỏ trên điện thoại vẫn chờ trên máy tính sau khi đăng nhập; mỗi đơn hàng, online hay tại showroom, được cảm ơn qua Zalo và email với cùng một số điểm thành viên; khách đã từng mua nhận gợi ý mua kèm.',
    en: 'A cart started on the phone is waiting on the laptop after login; every order, online or in the showroom, is thanked on Zalo and by email with the same loyalty balance, and past buyers get cross-sell content.',
  },
  steps: {
    cart: { vi: 'Có giỏ hàng trên bất kỳ thiết bị nào', en: 'Cart on any device' },
    'give-time': { vi: 'Cho khách thời gian đặt', en: 'Give them time to order' },
    'cart-everywhere': { vi: 'Giỏ hàng trên mọi thiết bị', en: 'Cart on every device' },
    'wait-order': { vi: 'Chờ đặt hàng 3 ngày', en: 'Wait 3 days for the order' },
    'exit-no-order': { vi: 'Không đặt trong 3 ngày', en: 'No order within 3 days' },
    goal: { vi: 'Đã đặt hàng (mọi kênh)', en: 'Ordered (any channel)' },
    'thanks-zalo': { vi: 'Zalo cảm ơn + điểm', en: 'Zalo thanks + points' },
    'thanks-email': { vi: 'Email cảm ơn + điểm', en: 'Email thanks + points' },
    'past-buyer': { vi: 'Đã từng mua?', en: 'Bought before?' },
    'cross-sell': { vi: 'Gợi ý mua kèm cho khách quen', en: 'Cross-sell for past buyers' },
    'exit-cross-sell': { vi: 'Đã gửi gợi ý mua kèm', en: 'Cross-sell sent' },
    'exit-first-order': { vi: 'Đã cảm ơn đơn đầu tiên', en: 'First order thanked' },
  },
  fields: {
    'cart-everywhere': {
      subject: { vi: 'Giỏ hàng của bạn vẫn ở đây', en: 'Your cart is still here' },
      body: {
        vi: '{{ customer.firstName }} ơi, {{ entry.properties.quantity }} × {{ entry.properties.name }} vẫn nằm trong giỏ hàng của bạn, trên điện thoại và cả trên máy tính.',
        en: '{{ customer.firstName }}, {{ entry.properties.quantity }} × {{ entry.properties.name }} is still in your cart, on your phone and on your computer.',
      },
    },
    'exit-no-order': { reason: { vi: 'Không đặt hàng trong 3 ngày', en: 'No order within 3 days' } },
    'thanks-zalo': {
      body: {
        vi: 'Cảm ơn {{ customer.firstName }} đã mua hàng! Thẻ thành viên của bạn: {{ customer.loyalty_points }} điểm.',
        en: 'Thank you, {{ customer.firstName }}! Your member card: {{ customer.loyalty_points }} points.',
      },
    },
    'thanks-email': {
      subject: { vi: '{{ customer.firstName }} ơi, bạn có {{ customer.loyalty_points }} điểm', en: '{{ customer.firstName }}, you have {{ customer.loyalty_points }} points' },
      body: {
        vi: 'Cảm ơn {{ customer.firstName }} đã đặt hàng. Thẻ thành viên của bạn hiện có {{ customer.loyalty_points }} điểm, như nhau khi mua online và tại showroom.',
        en: 'Thank you for your order, {{ customer.firstName }}. Your member card now holds {{ customer.loyalty_points }} points, the same online and in the showroom.',
      },
    },
    'cross-sell': {
      subject: { vi: 'Dùng kèm {{ entry.properties.name }} thật ngon', en: 'Goes well with {{ entry.properties.name }}' },
      body: {
        vi: '{{ customer.firstName }} ơi, khách mua {{ entry.properties.name }} rất thích dùng kèm Mắc Khén và Hạt Dổi: thành viên được giảm 10% cho cặp này trong tuần.',
        en: '{{ customer.firstName }}, customers who buy {{ entry.properties.name }} also love Mắc Khén and Hạt Dổi: 10% off the pair for members this week.',
      },
    },
    'exit-cross-sell': { reason: { vi: 'Đã gửi gợi ý mua kèm', en: 'Cross-sell sent' } },
    'exit-first-order': { reason: { vi: 'Đã cảm ơn đơn đầu tiên', en: 'First order thanked' } },
  },
};
