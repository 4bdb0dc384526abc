import type { TemplateTexts } from './types';

const offer = {
  vi: 'Chào {{ customer.firstName }}, {{ entry.properties.product_name | default: "sản phẩm" }} anh/chị vừa xem đang có sẵn tại Hoa Ban Food. Trả lời tin này để được tư vấn nhé!',
  en: 'Hi {{ customer.firstName }}, the {{ entry.properties.product_name | default: "product" }} you looked at is in stock at Hoa Ban Food. Reply to this message for advice!',
};

export const bestChannelReachTexts: TemplateTexts = {
  name: { vi: 'Tiếp cận khách trên kênh tốt nhất', en: 'Reach each customer on their best channel' },
  description: {
    vi: 'Khách xem sản phẩm được tư vấn trên kênh họ hay phản hồi (Zalo, email hoặc Messenger, theo tỉ lệ mở và trả lời của chính họ), vào giờ họ hay phản hồi; khách không dùng kênh online nào được tổng đài gọi điện từ 9 giờ.',
    en: 'A product view is followed up on the channel each customer answers on (Zalo, email or Messenger, by their own open and reply rates), at the hour they usually answer; customers no digital channel reaches get a hotline call from 9:00.',
  },
  steps: {
    viewed: { vi: 'Xem sản phẩm', en: 'Viewed a product' },
    'best-hour': { vi: 'Giờ khách hay phản hồi', en: 'Their usual hour' },
    'best-channel': { vi: 'Kênh khách hay phản hồi', en: 'Channel they answer on' },
    'zalo-offer': { vi: 'Zalo tư vấn', en: 'Zalo follow-up' },
    'email-offer': { vi: 'Email tư vấn', en: 'Email follow-up' },
    'messenger-offer': { vi: 'Messenger tư vấn', en: 'Messenger follow-up' },
    'hotline-call': { vi: 'Tổng đài gọi điện', en: 'Hotline call' },
    'give-time': { vi: 'Chờ khách đặt hàng', en: 'Give them time to order' },
    done: { vi: 'Chưa đặt hàng', en: 'Did not order' },
    goal: { vi: 'Đặt hàng', en: 'Ordered' },
  },
  fields: {
    'zalo-offer': { body: offer },
    'email-offer': { subject: { vi: '{{ entry.properties.product_name | default: "Sản phẩm" }} anh/chị vừa xem', en: 'The {{ entry.properties.product_name | default: "product" }} you looked at' }, body: offer },
    'messenger-offer': { body: offer },
    'hotline-call': {
      title: { vi: 'Gọi {{ customer.firstName }} tư vấn {{ entry.properties.product_name | default: "sản phẩm" }}', en: 'Call {{ customer.firstName }} about {{ entry.properties.product_name | default: "the product" }}' },
      note: { vi: 'Khách không dùng kênh online nào: gọi số {{ customer.phone }}', en: 'No digital channel reaches this customer: call {{ customer.phone }}' },
    },
    done: { reason: { vi: 'Một tuần chưa đặt hàng', en: 'A week without an order' } },
  },
};
