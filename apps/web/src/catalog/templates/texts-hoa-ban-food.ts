import type { TemplateTexts } from './types';

export const hoaBanFoodTexts: TemplateTexts = {
  name: { vi: 'Giỏ hàng bỏ quên → showroom → giới thiệu bạn bè (Hoa Ban Food)', en: 'Abandoned cart → showroom → referral (Hoa Ban Food)' },
  description: {
    vi: 'Email buổi tối kèm voucher 99k, quảng cáo qua đêm nếu chưa mở, quảng cáo combo cho người đã xem gia vị trong combo, SMS mời ghé showroom Hàng Giấy cho khách ở gần; khách đã mua (online hay tại showroom) nhận lời cảm ơn qua Messenger, lời mời đánh giá, ưu đãi giới thiệu bạn bè và một nồi chè cho mỗi người bạn mua trên 500k.',
    en: 'Evening email with a 99k voucher, ads overnight if unopened, combo retargeting for viewers of its spices, SMS showroom invite near Hàng Giấy; buyers (online or at the showroom) get a Messenger thank-you, a review request, a referral offer and a pot of chè for every friend who orders over 500k.',
  },
  steps: {
    'cart-added': { vi: 'Thêm vào giỏ hàng', en: 'Added to cart' },
    'checkout-wait': { vi: 'Có thanh toán giỏ này không?', en: 'Checks out this cart?' },
    'exit-checked-out': { vi: 'Đã thanh toán', en: 'Checked out' },
    evening: { vi: 'Chờ đến tối', en: 'Wait for the evening' },
    'voucher-99k': { vi: 'Voucher 99k đơn đầu', en: '99k first-order voucher' },
    'cart-email': { vi: 'Email giỏ hàng + voucher', en: 'Cart email + voucher' },
    'wait-open': { vi: 'Chờ 4 giờ', en: 'Wait 4 hours' },
    'opened-email': { vi: 'Đã mở email?', en: 'Opened the email?' },
    'ads-99k-add': { vi: 'Quảng cáo 99k', en: '99k ads' },
    overnight: { vi: 'Qua đêm', en: 'Overnight' },
    'ads-99k-remove': { vi: 'Gỡ quảng cáo 99k', en: 'Stop the 99k ads' },
    'wait-week': { vi: 'Chờ 1 tuần', en: 'Wait a week' },
    'awareness-ad': { vi: 'Banner từ thiện', en: 'Charity banner' },
    'browse-wait': { vi: 'Quay lại xem Mắc Khén / Hạt Dổi?', en: 'Comes back to view Mắc Khén / Hạt Dổi?' },
    'combo-ad': { vi: 'Quảng cáo combo', en: 'Combo ad' },
    'checkout-cancel-wait': { vi: 'Huỷ thanh toán?', en: 'Cancels the checkout?' },
    'in-hanoi': { vi: 'Gần showroom, có SĐT?', en: 'Near the showroom, with a phone?' },
    'showroom-sms': { vi: 'SMS mời showroom', en: 'Showroom SMS invite' },
    'showroom-wait': { vi: 'Chờ 2 tuần', en: 'Wait 2 weeks' },
    'exit-no-purchase': { vi: 'Được mời, chưa mua', en: 'Invited, did not buy' },
    'exit-not-local': { vi: 'Ở xa showroom', en: 'Far from the showroom' },
    'exit-no-checkout': { vi: 'Xem combo, không thanh toán', en: 'Saw the combo, no checkout' },
    'exit-no-return': { vi: 'Không quay lại', en: 'Did not come back' },
    goal: { vi: 'Mua hàng (mọi kênh)', en: 'Order (any channel)' },
    'thank-you': { vi: 'Messenger cảm ơn', en: 'Messenger thank-you' },
    'wait-2-days': { vi: 'Chờ 2 ngày', en: 'Wait 2 days' },
    'review-ask': { vi: 'Xin đánh giá', en: 'Ask for a review' },
    'review-wait': { vi: 'Đánh giá 5 sao?', en: '5-star review?' },
    'referral-email': { vi: 'Email giới thiệu bạn bè', en: 'Referral email' },
    'referral-wait': { vi: 'Bạn bè mua trên 500k?', en: 'A friend orders over 500k?' },
    'che-reward': { vi: 'Tặng một nồi chè', en: 'A pot of chè' },
    'reward-email': { vi: 'Email tặng chè', en: 'Chè reward email' },
    'exit-referral-sent': { vi: 'Đã gửi ưu đãi giới thiệu', en: 'Referral offer sent' },
    'exit-no-review': { vi: 'Không đánh giá 5 sao', en: 'No 5-star review' },
    'exit-criteria': { vi: 'Rời khi huỷ đăng ký', en: 'Leave on unsubscribe' },
  },
  fields: {
    'exit-checked-out': { reason: { vi: 'Đã sang bước thanh toán', en: 'Went to checkout' } },
    'cart-email': {
      subject: { vi: 'Hoa Ban Food xin chào anh {{ customer.firstName }}', en: 'Hoa Ban Food says hello, {{ customer.firstName }}' },
      body: {
        vi:
          'Hoa Ban Food xin chào anh {{ customer.firstName }}!\n\n{{ entry.properties.quantity }} {{ entry.properties.product_name }} vẫn đang chờ anh trong giỏ hàng ({{ entry.properties.cart_total }} đ).\n' +
          'Nhập mã {{ voucher.code }} để được giảm 99.000 đ cho đơn hàng đầu tiên.',
        en:
          'Hello {{ customer.firstName }}, from Hoa Ban Food!\n\n{{ entry.properties.quantity }} {{ entry.properties.product_name }} is still waiting in your cart ({{ entry.properties.cart_total }} ₫).\n' +
          'Use the code {{ voucher.code }} to get 99.000 ₫ off your first order.',
      },
    },
    'showroom-sms': {
      body: {
        vi: 'Hoa Ban Food mời anh {{ customer.firstName }} ở {{ customer.address.district }} ghé showroom Hàng Giấy xem Triển lãm Tây Bắc cuối tuần: Mắc Khén+Hạt Dổi+1kg trâu 1.350k. Từ chối: nhắn HUY',
        en: 'Hoa Ban Food invites {{ customer.firstName }} of {{ customer.address.district }} to our Hang Giay showroom: Northwest fair this weekend, Mac Khen+Hat Doi+1kg buffalo 1.350k. Opt out: STOP',
      },
    },
    'exit-no-purchase': { reason: { vi: 'Được mời tới showroom nhưng chưa mua', en: 'Invited to the showroom, did not buy' } },
    'exit-not-local': { reason: { vi: 'Không ở gần showroom', en: 'Not near the showroom' } },
    'exit-no-checkout': { reason: { vi: 'Đã xem combo nhưng không thanh toán', en: 'Saw the combo, no checkout' } },
    'exit-no-return': { reason: { vi: 'Không quay lại website', en: 'Did not come back' } },
    'thank-you': {
      body: {
        vi: 'Cảm ơn anh {{ customer.firstName }} đã mua hàng tại Hoa Ban Food! Chúc anh và gia đình ngon miệng.',
        en: 'Thank you for your order at Hoa Ban Food, {{ customer.firstName }}! Enjoy your meal with your family.',
      },
    },
    'review-ask': {
      body: {
        vi: 'Anh {{ customer.firstName }} thấy thịt trâu gác bếp thế nào ạ? Đánh giá giúp Hoa Ban Food nhé!',
        en: 'How was the smoked buffalo meat, {{ customer.firstName }}? Please leave Hoa Ban Food a review!',
      },
    },
    'referral-email': {
      subject: { vi: 'Cảm ơn anh {{ customer.firstName }} – giới thiệu bạn bè, nhận một nồi chè', en: 'Thank you, {{ customer.firstName }} – refer a friend, get a pot of chè' },
      body: {
        vi: 'Giới thiệu bạn bè với mã {{ customer.referral_code }}: mỗi đơn trên 500.000 đ của bạn anh, Hoa Ban Food tặng anh một nồi chè.',
        en: 'Share your code {{ customer.referral_code }}: for every friend’s order over 500.000 ₫, Hoa Ban Food gives you a pot of chè.',
      },
    },
    'reward-email': {
      subject: { vi: 'Anh {{ customer.firstName }} ơi, một nồi chè đang chờ anh', en: '{{ customer.firstName }}, a pot of chè is waiting for you' },
      body: {
        vi: 'Một người bạn của anh vừa mua hơn 500.000 đ tại Hoa Ban Food với mã giới thiệu {{ customer.referral_code }}. Cảm ơn anh! Mang mã {{ voucher.code }} tới showroom phố Hàng Giấy để nhận một nồi chè.',
        en: 'A friend of yours just ordered over 500.000 ₫ at Hoa Ban Food with your referral code {{ customer.referral_code }}. Thank you! Bring the code {{ voucher.code }} to our Hang Giay street showroom for a pot of chè.',
      },
    },
    'exit-referral-sent': { reason: { vi: 'Đã gửi ưu đãi giới thiệu bạn bè', en: 'Referral offer sent' } },
    'exit-no-review': { reason: { vi: 'Không có đánh giá 5 sao', en: 'No 5-star review' } },
  },
};
