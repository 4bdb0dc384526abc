import type { TemplateTexts } from './types';

export const welcomeSeriesTexts: TemplateTexts = {
  name: { vi: 'Chuỗi chào mừng', en: 'Welcome series' },
  description: { vi: 'Email chào mừng, rồi mẹo hay hoặc lời chào qua Zalo tuỳ khách có mở email không, sau đó voucher đơn đầu.', en: 'Welcome email, tips or a Zalo hello depending on opens, then a first-order voucher.' },
  steps: {
    'signed-up': { vi: 'Đăng ký tài khoản', en: 'Signed up' },
    'welcome-email': { vi: 'Email chào mừng', en: 'Welcome email' },
    'wait-2-days': { vi: 'Chờ 2 ngày', en: 'Wait 2 days' },
    'opened-welcome': { vi: 'Đã mở email chào mừng?', en: 'Opened the welcome?' },
    'tips-email': { vi: 'Email mẹo hay', en: 'Tips email' },
    'welcome-zalo': { vi: 'Lời chào qua Zalo', en: 'Zalo hello' },
    'wait-3-days': { vi: 'Chờ 3 ngày', en: 'Wait 3 days' },
    'first-order-voucher': { vi: 'Voucher 50k', en: '50k voucher' },
    'voucher-email': { vi: 'Email voucher', en: 'Voucher email' },
    'exit-done': { vi: 'Xong chuỗi chào mừng', en: 'Series finished' },
    goal: { vi: 'Đơn hàng đầu tiên', en: 'First order' },
    'exit-criteria': { vi: 'Rời khi huỷ đăng ký', en: 'Leave on unsubscribe' },
  },
  fields: {
    'welcome-email': {
      subject: { vi: 'Chào mừng {{ customer.firstName }} đến với chúng tôi', en: 'Welcome, {{ customer.firstName }}' },
      body: { vi: 'Cảm ơn bạn đã đăng ký! Đây là những sản phẩm được yêu thích nhất.', en: 'Thank you for signing up! Here are our best-loved products.' },
    },
    'tips-email': {
      subject: { vi: 'Mẹo chọn đặc sản cho gia đình', en: 'Tips for choosing specialities for your family' },
      body: { vi: 'Xin chào {{ customer.firstName }}, đây là vài gợi ý cho bạn.', en: 'Hello {{ customer.firstName }}, here are a few ideas for you.' },
    },
    'welcome-zalo': {
      body: { vi: 'Xin chào {{ customer.firstName }}! Cảm ơn bạn đã quan tâm. Nhắn cho shop nếu cần tư vấn nhé.', en: 'Hello {{ customer.firstName }}! Thanks for your interest. Message the shop if you need advice.' },
    },
    'voucher-email': {
      subject: { vi: 'Quà chào mừng: giảm 50.000 đ', en: 'A welcome gift: 50.000 ₫ off' },
      body: { vi: 'Dùng mã {{ voucher.code }} cho đơn đầu tiên, hết hạn sau 7 ngày.', en: 'Use the code {{ voucher.code }} on your first order; it expires in 7 days.' },
    },
    'exit-done': { reason: { vi: 'Đã xong chuỗi chào mừng', en: 'Welcome series finished' } },
  },
};

export const postPurchaseReviewTexts: TemplateTexts = {
  name: { vi: 'Xin đánh giá sau mua + giới thiệu bạn bè', en: 'Post-purchase review + referral' },
  description: { vi: 'Hai ngày sau khi mua, xin đánh giá qua Messenger; khách hài lòng nhận ưu đãi giới thiệu bạn bè.', en: 'Ask for a review on Messenger two days after an order; happy customers get a referral offer.' },
  steps: {
    'order-completed': { vi: 'Hoàn tất đơn hàng', en: 'Order completed' },
    'wait-2-days': { vi: 'Chờ 2 ngày', en: 'Wait 2 days' },
    'review-ask': { vi: 'Xin đánh giá', en: 'Ask for a review' },
    'review-wait': { vi: 'Đánh giá tốt?', en: 'Good review?' },
    'referral-email': { vi: 'Ưu đãi giới thiệu', en: 'Referral offer' },
    'mark-advocate': { vi: 'Đánh dấu khách thân thiết', en: 'Mark as advocate' },
    'exit-referral': { vi: 'Đã gửi ưu đãi', en: 'Offer sent' },
    'exit-no-review': { vi: 'Không có đánh giá tốt', en: 'No good review' },
  },
  fields: {
    'review-ask': { body: { vi: 'Bạn {{ customer.firstName }} thấy đơn hàng thế nào? Cho shop xin một đánh giá nhé!', en: 'How was your order, {{ customer.firstName }}? Please leave the shop a review!' } },
    'referral-email': {
      subject: { vi: 'Cảm ơn {{ customer.firstName }}! Giới thiệu bạn bè nhận quà', en: 'Thank you, {{ customer.firstName }}! Refer a friend, get a gift' },
      body: { vi: 'Chia sẻ mã {{ customer.referral_code }}: bạn bè có đơn trên 500.000 đ, bạn nhận một phần quà.', en: 'Share your code {{ customer.referral_code }}: when a friend orders over 500.000 ₫, you get a gift.' },
    },
    'exit-referral': { reason: { vi: 'Đã gửi ưu đãi giới thiệu', en: 'Referral offer sent' } },
    'exit-no-review': { reason: { vi: 'Không có đánh giá tốt', en: 'No good review' } },
  },
};

const offer = { vi: 'Lâu rồi không gặp {{ customer.firstName }}! Mã {{ voucher.code }} giảm 15% cho đơn tiếp theo.', en: 'Long time no see, {{ customer.firstName }}! The code {{ voucher.code }} takes 15% off your next order.' };

export const winBackTexts: TemplateTexts = {
  name: { vi: 'Kéo khách quay lại trên kênh họ hay dùng', en: 'Win-back on the best channel' },
  description: { vi: 'Khách lâu không mua nhận voucher 15% trên kênh họ hay phản hồi; người còn lại được tổng đài gọi điện.', en: 'Lapsed customers get a 15% voucher on the channel they answer on; the rest get a call from the hotline.' },
  steps: {
    lapsed: { vi: '90 ngày không mua', en: 'Lapsed 90 days' },
    'winback-voucher': { vi: 'Voucher 15%', en: '15% voucher' },
    'best-channel': { vi: 'Kênh khách hay phản hồi', en: 'Channel they answer on' },
    'winback-email': { vi: 'Email nhớ bạn', en: 'We-miss-you email' },
    'winback-zalo': { vi: 'Zalo nhớ bạn', en: 'We-miss-you Zalo' },
    'winback-sms': { vi: 'SMS nhớ bạn', en: 'We-miss-you SMS' },
    'call-task': { vi: 'Tổng đài gọi điện', en: 'Hotline call' },
    'wait-14-days': { vi: 'Chờ 14 ngày', en: 'Wait 14 days' },
    'mark-churn-risk': { vi: 'Đánh dấu có nguy cơ rời bỏ', en: 'Mark as churn risk' },
    'exit-done': { vi: 'Không quay lại', en: 'Did not come back' },
    goal: { vi: 'Mua lại', en: 'Ordered again' },
  },
  fields: {
    'winback-email': { subject: { vi: 'Chúng tôi nhớ bạn', en: 'We miss you' }, body: offer },
    'winback-zalo': { body: offer },
    'winback-sms': { body: { vi: 'Ma {{ voucher.code }} giam 15% cho don tiep theo. Tu choi: nhan HUY', en: 'Code {{ voucher.code }}: 15% off your next order. Opt out: STOP' } },
    'call-task': {
      title: { vi: 'Gọi {{ customer.firstName }} giới thiệu ưu đãi 15%', en: 'Call {{ customer.firstName }} about the 15% offer' },
      note: { vi: 'Mã: {{ voucher.code }}', en: 'Code: {{ voucher.code }}' },
    },
    'exit-done': { reason: { vi: 'Không quay lại', en: 'Did not come back' } },
  },
};

export const browseAbandonmentTexts: TemplateTexts = {
  name: { vi: 'Quảng cáo nhắc giỏ hàng cho tới khi mua', en: 'Cart retargeting until they order' },
  description: { vi: 'Khách có giỏ hàng mà chưa đặt được đưa vào tệp quảng cáo Facebook tối hôm đó và rời tệp ngay khi đặt hàng.', en: 'Customers with a cart and no order join a Facebook retargeting audience that evening and leave it as soon as they order.' },
  steps: {
    cart: { vi: 'Có giỏ hàng trên website', en: 'Cart on the website' },
    'no-order-yet': { vi: 'Cho khách thời gian đặt', en: 'Give them time to order' },
    evening: { vi: 'Tối hôm đó', en: 'That evening' },
    retarget: { vi: 'Thêm vào tệp quảng cáo', en: 'Add to retargeting' },
    week: { vi: 'Chờ 1 tuần', en: 'Wait a week' },
    untarget: { vi: 'Gỡ khỏi tệp quảng cáo', en: 'Remove from retargeting' },
    'exit-expired': { vi: 'Một tuần không đặt', en: 'A week without an order' },
    goal: { vi: 'Đã đặt hàng', en: 'Ordered' },
    'untarget-buyer': { vi: 'Gỡ người đã mua khỏi tệp', en: 'Remove buyer from retargeting' },
    'exit-bought': { vi: 'Đã mua', en: 'Bought' },
  },
  fields: {
    'exit-expired': { reason: { vi: 'Một tuần không đặt hàng', en: 'A week without an order' } },
    'exit-bought': { reason: { vi: 'Đã đặt hàng', en: 'Ordered' } },
  },
};
